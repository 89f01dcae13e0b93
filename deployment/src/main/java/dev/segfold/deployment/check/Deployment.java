package dev.segfold.deployment.check;

import dev.segfold.contracts.topics.Service;
import dev.segfold.deployment.compose.ComposeFile;
import dev.segfold.deployment.compose.ComposeService;
import dev.segfold.deployment.compose.ImageReference;
import dev.segfold.deployment.properties.ServiceProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a deployment check reads, loaded from a repository checkout: the Compose file, each
 * service's {@code src/main/resources/application.properties}, {@code .env.example} and the
 * modules of the root {@code pom.xml}. Dockerfiles are read through the Compose file's
 * {@code build:} entries, since finding them is part of the check.
 *
 * @param root           the repository root (the folder of the Compose file)
 * @param compose        {@code docker-compose.yml}
 * @param properties     each service's application.properties
 * @param envExample     the variables {@code .env.example} documents
 * @param reactorModules the {@code <module>}s of the root pom
 */
public record Deployment(Path root, ComposeFile compose, Map<Service, ServiceProperties> properties,
                         Map<String, String> envExample, List<String> reactorModules) {

    /** The Compose file's name at the repository root. */
    public static final String COMPOSE_FILE = "docker-compose.yml";
    /** The documented variables' file at the repository root. */
    public static final String ENV_EXAMPLE = ".env.example";

    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");

    /** Copies the collections. */
    public Deployment {
        properties = java.util.Collections.unmodifiableMap(new EnumMap<>(properties));
        envExample = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(envExample));
        reactorModules = List.copyOf(reactorModules);
    }

    /** Reads the deployment of the checkout at {@code root}. */
    public static Deployment load(Path root) {
        Map<Service, ServiceProperties> properties = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            Path file = propertiesFile(root, service);
            if (Files.isRegularFile(file)) {
                properties.put(service, ServiceProperties.load(file));
            }
        }
        return new Deployment(root, ComposeFile.load(root.resolve(COMPOSE_FILE)), properties,
                readEnvFile(root.resolve(ENV_EXAMPLE)), modules(root.resolve("pom.xml")));
    }

    /** Where {@code service}'s configuration lives. */
    public static Path propertiesFile(Path root, Service service) {
        return root.resolve(service.id()).resolve("src/main/resources/application.properties");
    }

    /** The same deployment with another Compose file (for checks of variants). */
    public Deployment withCompose(ComposeFile other) {
        return new Deployment(root, other, properties, envExample, reactorModules);
    }

    /** The same deployment with other properties for {@code service}. */
    public Deployment withProperties(Service service, ServiceProperties other) {
        Map<Service, ServiceProperties> copy = new EnumMap<>(properties);
        copy.put(service, other);
        return new Deployment(root, compose, copy, envExample, reactorModules);
    }

    /** The Kafka broker: the service that sets {@code KAFKA_PROCESS_ROLES}. */
    public Optional<ComposeService> broker() {
        return single(s -> s.environment().containsKey("KAFKA_PROCESS_ROLES"));
    }

    /** The job that creates the topics: the service that sets {@code SEGFOLD_TOPICS}. */
    public Optional<ComposeService> topicJob() {
        return single(s -> s.environment().containsKey("SEGFOLD_TOPICS"));
    }

    /**
     * Maintained builds of the MinIO server (the same server, its {@code MINIO_*} settings and
     * {@code mc} bundled): the object store must run one of them. docs/DEPLOYMENT.md, "The MinIO
     * image", says why each and how to switch.
     */
    public static final List<String> MINIO_SERVER_IMAGES = List.of("pgsty/minio", "cgr.dev/chainguard/minio");
    /** Images of the same client ({@code mc}) for the bucket job, besides the server images that bundle it. */
    public static final List<String> MINIO_CLIENT_IMAGES = List.of("pgsty/mc", "cgr.dev/chainguard/minio-client");
    /** MinIO's own community images: withdrawn from Docker Hub on 2026-09-12, unpatched since 2025. */
    public static final List<String> WITHDRAWN_IMAGES = List.of("minio/minio", "minio/mc");

    /** The object store: the one service running a {@link #MINIO_SERVER_IMAGES} image as {@code server}. */
    public Optional<ComposeService> objectStore() {
        return single(s -> MINIO_SERVER_IMAGES.contains(imageRepository(s)) && s.command().contains("server"));
    }

    /** The job that creates buckets, notifications and users: the one service whose script runs {@code mc alias set}. */
    public Optional<ComposeService> bucketJob() {
        return single(s -> s.script().contains("mc alias set"));
    }

    static String imageRepository(ComposeService service) {
        return service.image().map(image -> ImageReference.parse(image).repository()
                .replaceFirst("^(docker\\.io/|quay\\.io/|index\\.docker\\.io/)", "")).orElse("");
    }

    private Optional<ComposeService> single(java.util.function.Predicate<ComposeService> test) {
        List<ComposeService> matches = compose.services().values().stream().filter(test).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** Reads a Compose env file: {@code NAME=value} lines, '#' comments, optional quotes. */
    public static Map<String, String> readEnvFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<String, String> variables = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int equals = line.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + line + " is not NAME=value");
                }
                String value = line.substring(equals + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                variables.put(line.substring(0, equals).strip(), value);
            }
            return variables;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<String> modules(Path pom) {
        try {
            Matcher matcher = MODULE.matcher(Files.readString(pom, StandardCharsets.UTF_8));
            List<String> modules = new ArrayList<>();
            while (matcher.find()) {
                modules.add(matcher.group(1));
            }
            return modules;
        } catch (IOException e) {
            throw new IllegalArgumentException(pom + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
