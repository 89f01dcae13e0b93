package dev.segfold.devstack;

import dev.segfold.devstack.kafka.EmbeddedKafka;
import dev.segfold.devstack.s3.EmbeddedS3;
import dev.segfold.devstack.s3.KafkaNotificationSink;
import dev.segfold.devstack.s3.NotificationFilter;
import dev.segfold.devstack.s3.QueuedNotificationSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segfold's embedded default infrastructure: a real Kafka broker and a real S3 server that
 * publishes MinIO-format bucket notifications to Kafka, with Segfold's buckets and topics
 * created. Used by tests (see {@code DevStackExtension}) and, through {@link DevStackMain}, as
 * the separate process behind {@code ./segfold up}.
 *
 * <pre>{@code
 * try (DevStack stack = DevStack.start(DevStackConfig.forTests())) {
 *     stack.bootstrapServers();   // 127.0.0.1:<port>
 *     stack.s3Endpoint();         // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class DevStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);

    private final DevStackConfig config;
    private final Path dataDir;
    private final boolean temporaryDataDir;
    /** How long an S3 request waits for its notification to reach Kafka while Kafka is up. */
    private static final Duration NOTIFICATION_WAIT = Duration.ofSeconds(10);

    private EmbeddedKafka kafka;
    private final int kafkaPort;
    private final int controllerPort;
    private final QueuedNotificationSink sink;
    private EmbeddedS3 s3;
    /** The filters set since start, applied again when S3 restarts. */
    private final java.util.Map<String, NotificationFilter> filters = new java.util.concurrent.ConcurrentHashMap<>();
    private boolean closed;

    private DevStack(DevStackConfig config, Path dataDir, boolean temporaryDataDir, EmbeddedKafka kafka,
                     int kafkaPort, int controllerPort, QueuedNotificationSink sink, EmbeddedS3 s3) {
        this.config = config;
        this.dataDir = dataDir;
        this.temporaryDataDir = temporaryDataDir;
        this.kafka = kafka;
        this.kafkaPort = kafkaPort;
        this.controllerPort = controllerPort;
        this.sink = sink;
        this.s3 = s3;
        this.filters.putAll(config.filters());
    }

    /**
     * Starts Kafka, creates the topics, then starts S3 with the buckets and notification filters.
     *
     * @throws IOException if a directory or port cannot be had or a server does not start
     */
    public static DevStack start(DevStackConfig config) throws IOException {
        long started = System.nanoTime();
        boolean temporary = config.dataDir() == null;
        Path dataDir = temporary ? Files.createTempDirectory("segfold-devstack-") : config.dataDir();
        EmbeddedKafka kafka = null;
        QueuedNotificationSink sink = null;
        EmbeddedS3 s3 = null;
        // Wiring jclouds takes seconds and needs nothing from Kafka: do it while the broker starts.
        CompletableFuture<BlobStoreContext> store = CompletableFuture.supplyAsync(() -> {
            try {
                return EmbeddedS3.openStore(dataDir.resolve("s3"), config.buckets());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            int kafkaPort = portOrFree(config.kafkaPort());
            int controllerPort = portOrFree(config.controllerPort());
            kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort, controllerPort);
            kafka.createTopics(config.topicsToCreate());
            // On disk first, as MinIO's queue_dir: events outlive Kafka being away and this process dying.
            sink = new QueuedNotificationSink(dataDir.resolve("notification-queue"),
                    new KafkaNotificationSink(kafka.bootstrapServers(), config.notificationTopic()), NOTIFICATION_WAIT);
            s3 = EmbeddedS3.serve(joinStore(store), config.s3Port(), config.accessKey(), config.secretKey(),
                    config.region(), sink);
            for (var filter : config.filters().entrySet()) {
                s3.blobStore().setFilter(filter.getKey(), filter.getValue());
            }
            LOG.info("devstack up in {} ms", (System.nanoTime() - started) / 1_000_000);
            return new DevStack(config, dataDir, temporary, kafka, kafkaPort, controllerPort, sink, s3);
        } catch (Exception e) {
            if (s3 == null) {
                store.thenAccept(BlobStoreContext::close);
            }
            closeQuietly(s3);
            closeQuietly(sink);
            closeQuietly(kafka);
            if (temporary) {
                deleteRecursively(dataDir);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("devstack did not start: " + e.getMessage(), e);
        }
    }

    /** Kafka bootstrap servers, {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The S3 endpoint, {@code http://127.0.0.1:<port>}. */
    public URI s3Endpoint() {
        return s3.endpoint();
    }

    /** The S3 access key. */
    public String accessKey() {
        return config.accessKey();
    }

    /** The S3 secret key. */
    public String secretKey() {
        return config.secretKey();
    }

    /** The S3 region. */
    public String region() {
        return config.region();
    }

    /** The topic bucket notifications go to. */
    public String notificationTopic() {
        return config.notificationTopic();
    }

    /** The buckets created at start. */
    public List<String> buckets() {
        return config.buckets();
    }

    /** Where Kafka's logs ({@code kafka/}) and the objects ({@code s3/}) live. */
    public Path dataDir() {
        return dataDir;
    }

    /** The configuration it was started with. */
    public DevStackConfig config() {
        return config;
    }

    /** The endpoints, as written for other processes. */
    public Endpoints endpoints() {
        return new Endpoints(bootstrapServers(), s3Endpoint(), accessKey(), secretKey(), region(),
                notificationTopic(), ProcessHandle.current().pid());
    }

    /**
     * Restricts the notifications of {@code bucket} from now on, like {@code mc event add
     * --prefix --suffix} on a running MinIO.
     */
    public synchronized void setNotificationFilter(String bucket, NotificationFilter filter) {
        filters.put(bucket, filter);
        s3.blobStore().setFilter(bucket, filter);
    }

    /** Lets every object of {@code bucket} notify again. */
    public synchronized void clearNotificationFilter(String bucket) {
        filters.remove(bucket);
        s3.blobStore().clearFilter(bucket);
    }

    /**
     * Stops the S3 server while Kafka keeps running, as a MinIO restart or a network cut would:
     * clients get "connection refused" until {@link #restartS3()}. For fault-injection tests.
     */
    public synchronized void stopS3() {
        if (closed) {
            throw new IllegalStateException("the devstack is closed");
        }
        s3.close();
    }

    /**
     * Serves S3 again on the same port, with the same credentials, objects and notification
     * filters, after {@link #stopS3()}.
     *
     * @throws IOException if the port cannot be bound again or the store does not open
     */
    public synchronized void restartS3() throws IOException {
        if (closed) {
            throw new IllegalStateException("the devstack is closed");
        }
        int port = s3.endpoint().getPort();
        try {
            EmbeddedS3 again = EmbeddedS3.serve(EmbeddedS3.openStore(dataDir.resolve("s3"), config.buckets()), port,
                    config.accessKey(), config.secretKey(), config.region(), sink);
            filters.forEach((bucket, filter) -> again.blobStore().setFilter(bucket, filter));
            s3 = again;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("S3 did not restart on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops the Kafka broker while S3 keeps serving, as a broker restart would: bucket
     * notifications queue on disk until {@link #restartKafka()}. For fault-injection tests.
     */
    public synchronized void stopKafka() {
        if (closed) {
            throw new IllegalStateException("the devstack is closed");
        }
        kafka.close();
    }

    /** Starts the broker again on the same ports and log directory, after {@link #stopKafka()}. */
    public synchronized void restartKafka() throws IOException {
        if (closed) {
            throw new IllegalStateException("the devstack is closed");
        }
        kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort, controllerPort);
    }

    /** The bucket notifications waiting on disk for Kafka. */
    public int queuedNotifications() {
        return sink.pending();
    }

    /** Same as {@link #close()}. */
    public void stop() {
        close();
    }

    /** Stops S3 first (no more events), then the publisher, then Kafka; removes a temporary data dir. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(s3);
        closeQuietly(sink);
        closeQuietly(kafka);
        if (temporaryDataDir) {
            deleteRecursively(dataDir);
        }
        LOG.info("devstack stopped");
    }

    private static BlobStoreContext joinStore(CompletableFuture<BlobStoreContext> store) throws IOException {
        try {
            return store.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            throw new IOException("object store did not open: " + cause.getMessage(), cause);
        }
    }

    private static int portOrFree(int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not remove {}: {}", dir, e.toString());
        }
    }
}
