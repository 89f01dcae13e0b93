package dev.segfold.deployment.properties;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code application.properties} as the packaged application reads it in a
 * container: the {@code prod} profile, so {@code %test.}/{@code %dev.} lines are left out and
 * {@code %prod.} lines win.
 */
public final class ServiceProperties {

    private static final Pattern CHANNEL_KEY =
            Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");
    private static final String KAFKA_CONNECTOR = "smallrye-kafka";

    private final String origin;
    private final Map<String, String> values;

    private ServiceProperties(String origin, Map<String, String> values) {
        this.origin = origin;
        this.values = values;
    }

    /** Reads {@code file}. */
    public static ServiceProperties load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return of(properties, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Builds the prod-profile view of {@code properties}; {@code origin} names them in messages. */
    public static ServiceProperties of(Properties properties, String origin) {
        Map<String, String> plain = new TreeMap<>();
        Map<String, String> prod = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (!key.startsWith("%")) {
                plain.put(key, value);
                continue;
            }
            int dot = key.indexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException(origin + ": " + key + " is a profile without a property");
            }
            List<String> profiles = Arrays.asList(key.substring(1, dot).split(","));
            if (profiles.contains("prod")) {
                prod.put(key.substring(dot + 1), value);
            }
        }
        plain.putAll(prod);
        return new ServiceProperties(origin, Map.copyOf(plain));
    }

    /** Where the properties came from, for messages. */
    public String origin() {
        return origin;
    }

    /** The value of {@code key} as written (expressions unresolved), if set. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Every key the running application sees here. */
    public java.util.Set<String> keys() {
        return values.keySet();
    }

    /** {@code quarkus.http.port}; an exception naming the file when missing or not a number. */
    public int httpPort() {
        String port = value("quarkus.http.port").orElseThrow(() -> new IllegalArgumentException(
                origin + ": quarkus.http.port is not set (the deployment publishes that port)"));
        if (!port.strip().matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException(origin + ": quarkus.http.port " + port + " is not a port number");
        }
        return Integer.parseInt(port.strip());
    }

    /**
     * Every Kafka topic the channels name: {@code topic} (the channel name when not set) and,
     * with {@code failure-strategy=dead-letter-queue}, {@code dead-letter-queue.topic} (the
     * connector's default {@code dead-letter-topic-<channel>} when not set).
     */
    public List<TopicUse> topics() {
        Map<String, String> directions = new TreeMap<>();
        for (String key : values.keySet()) {
            Matcher matcher = CHANNEL_KEY.matcher(key);
            if (matcher.matches()) {
                directions.put(matcher.group(2), matcher.group(1));
            }
        }
        List<TopicUse> uses = new ArrayList<>();
        directions.forEach((channel, direction) -> {
            String prefix = "mp.messaging." + direction + "." + channel + ".";
            String connector = values.get(prefix + "connector");
            if (!KAFKA_CONNECTOR.equals(connector == null ? null : connector.strip())) {
                return;
            }
            TopicUse.Role role = direction.equals("incoming") ? TopicUse.Role.INCOMING : TopicUse.Role.OUTGOING;
            uses.add(Optional.ofNullable(values.get(prefix + "topic"))
                    .map(topic -> new TopicUse(channel, role, topic.strip(), prefix + "topic"))
                    .orElse(new TopicUse(channel, role, channel, prefix + "topic (not set: the channel name)")));
            if ("dead-letter-queue".equals(Optional.ofNullable(values.get(prefix + "failure-strategy"))
                    .map(String::strip).orElse(null))) {
                String key = prefix + "dead-letter-queue.topic";
                uses.add(Optional.ofNullable(values.get(key))
                        .map(topic -> new TopicUse(channel, TopicUse.Role.DEAD_LETTER, topic.strip(), key))
                        .orElse(new TopicUse(channel, TopicUse.Role.DEAD_LETTER, "dead-letter-topic-" + channel,
                                key + " (not set: the connector's default)")));
            }
        });
        return List.copyOf(uses);
    }

    /**
     * The consumer group of incoming channel {@code channel}: its {@code group.id}, else
     * {@code kafka.group.id}, else the application name (the connector's default).
     */
    public Optional<String> consumerGroup(String channel) {
        return value("mp.messaging.incoming." + channel + ".group.id")
                .or(() -> value("kafka.group.id"))
                .or(() -> value("quarkus.application.name"))
                .map(String::strip);
    }

    /**
     * Every expression the running application cannot resolve, as {@code key: ${name}}: its
     * name is neither a key here nor {@code provided} (by the environment, or built in), and it
     * has no default that resolves.
     */
    public List<String> unresolvedExpressions(Predicate<String> provided) {
        Predicate<String> known = name -> values.containsKey(name) || provided.test(name);
        List<String> unresolved = new ArrayList<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
            for (String name : new TreeSet<>(PropertyExpressions.unresolved(
                    entry.getValue(), known, origin + ": " + entry.getKey()))) {
                unresolved.add(entry.getKey() + ": ${" + name + "}");
            }
        }
        return List.copyOf(unresolved);
    }
}
