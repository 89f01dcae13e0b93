package dev.segfold.devstack;

import dev.segfold.devstack.s3.NotificationFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link DevStack} as its own process until SIGTERM (or Ctrl-C), and writes its endpoints
 * to a properties file once it is up; the file is removed when it stops.
 *
 * <pre>
 * java -cp ... dev.segfold.devstack.DevStackMain --endpoints-file .segfold/devstack.properties \
 *      [--data-dir .segfold/data] [--kafka-port 9092] [--controller-port 9093] [--s3-port 9000] \
 *      [--access-key KEY --secret-key SECRET] [--region us-east-1] \
 *      [--notification-topic segfold.storage-events] [--suffix segfold-runs=checkpoint.json] \
 *      [--prefix bucket=some/prefix/]
 * </pre>
 * Credentials come from the options or from {@code SEGFOLD_S3_ACCESS_KEY} and
 * {@code SEGFOLD_S3_SECRET_KEY}; without either, from the data directory's
 * {@link StoredCredentials} (random ones made at the first start and kept, so a restart serves the
 * same keys), or random ones without a data directory. They are written to the endpoints file
 * (readable by its owner only).
 */
public final class DevStackMain {

    private static final Logger LOG = LoggerFactory.getLogger(DevStackMain.class);

    private DevStackMain() {
    }

    /** Parses the arguments, starts the stack and returns; the stack's threads keep the JVM alive. */
    public static void main(String[] args) {
        try {
            run(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("devstack: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            LOG.error("devstack did not start", e);
            System.exit(1);
        }
    }

    /**
     * Starts the stack as {@code main} does, registering a shutdown hook that stops it and
     * removes the endpoints file.
     *
     * @return the running stack
     */
    public static DevStack run(String[] args, Map<String, String> env) throws IOException {
        Options options = Options.parse(args, env);
        DevStack stack = DevStack.start(options.config());
        Path endpointsFile = options.endpointsFile();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            try {
                Files.deleteIfExists(endpointsFile);
            } catch (IOException e) {
                LOG.warn("could not remove {}: {}", endpointsFile, e.toString());
            }
        }, "devstack-shutdown"));
        try {
            stack.endpoints().write(endpointsFile);
        } catch (IOException e) {
            stack.close();
            throw e;
        }
        LOG.info("devstack up: Kafka {} S3 {}, endpoints in {}", stack.bootstrapServers(), stack.s3Endpoint(),
                endpointsFile);
        return stack;
    }

    /** The parsed command line. */
    record Options(DevStackConfig config, Path endpointsFile) {

        static Options parse(String[] args, Map<String, String> env) throws IOException {
            String accessKey = env.get("SEGFOLD_S3_ACCESS_KEY");
            String secretKey = env.get("SEGFOLD_S3_SECRET_KEY");
            Path endpointsFile = null;
            Path dataDir = null;
            Integer kafkaPort = null;
            Integer controllerPort = null;
            Integer s3Port = null;
            String region = null;
            String topic = null;
            Map<String, NotificationFilter> filters = new java.util.LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--endpoints-file" -> endpointsFile = Path.of(value);
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--kafka-port" -> kafkaPort = port(name, value);
                    case "--controller-port" -> controllerPort = port(name, value);
                    case "--s3-port" -> s3Port = port(name, value);
                    case "--access-key" -> accessKey = value;
                    case "--secret-key" -> secretKey = value;
                    case "--region" -> region = value;
                    case "--notification-topic" -> topic = value;
                    case "--suffix", "--prefix" -> {
                        int eq = value.indexOf('=');
                        if (eq < 1) {
                            throw new IllegalArgumentException(name + " expects bucket=value, got \"" + value + "\"");
                        }
                        String bucket = value.substring(0, eq);
                        NotificationFilter old = filters.getOrDefault(bucket, NotificationFilter.ALL);
                        String part = value.substring(eq + 1);
                        filters.put(bucket, name.equals("--suffix")
                                ? new NotificationFilter(old.prefix(), part)
                                : new NotificationFilter(part, old.suffix()));
                    }
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (endpointsFile == null) {
                throw new IllegalArgumentException("--endpoints-file is required");
            }
            if ((accessKey == null) != (secretKey == null)) {
                throw new IllegalArgumentException("give both --access-key and --secret-key, or neither");
            }
            if (accessKey == null && dataDir != null) {
                StoredCredentials stored = StoredCredentials.loadOrCreate(dataDir);
                accessKey = stored.accessKey();
                secretKey = stored.secretKey();
            } else if (accessKey == null) {
                accessKey = DevStackConfig.randomToken(10);
                secretKey = DevStackConfig.randomToken(20);
            }
            DevStackConfig.Builder builder = DevStackConfig.builder(accessKey, secretKey).dataDir(dataDir);
            if (kafkaPort != null) {
                builder.kafkaPort(kafkaPort);
            }
            if (controllerPort != null) {
                builder.controllerPort(controllerPort);
            }
            if (s3Port != null) {
                builder.s3Port(s3Port);
            }
            if (region != null) {
                builder.region(region);
            }
            if (topic != null) {
                builder.notificationTopic(topic);
            }
            filters.forEach(builder::filter);
            return new Options(builder.build(), endpointsFile);
        }

        private static int port(String name, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " \"" + value + "\" is not a port number");
            }
        }
    }
}
