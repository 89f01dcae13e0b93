package dev.segfold.devstack.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 server in this JVM: S3Proxy on 127.0.0.1 over jclouds' filesystem store, AWS
 * signatures V2 and V4 with one access key, and MinIO-format notifications through a
 * {@link NotifyingBlobStore}.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final NotifyingBlobStore blobStore;
    private final URI endpoint;
    private boolean closed;

    private EmbeddedS3(BlobStoreContext context, S3Proxy proxy, NotifyingBlobStore blobStore, URI endpoint) {
        this.context = context;
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
    }

    /**
     * Creates the buckets that are missing and starts serving: {@link #openStore} then {@link #serve}.
     *
     * @param baseDir   where objects are stored, one directory per bucket
     * @param port      the port, 0 for a free one
     * @param accessKey the one accepted access key
     * @param secretKey its secret
     * @param region    the region reported in notifications
     * @param buckets   buckets to create
     * @param sink      where notifications go
     */
    public static EmbeddedS3 start(Path baseDir, int port, String accessKey, String secretKey, String region,
                                   List<String> buckets, NotificationSink sink) throws Exception {
        return serve(openStore(baseDir, buckets), port, accessKey, secretKey, region, sink);
    }

    /**
     * Opens the filesystem store under {@code baseDir} and creates the missing buckets. The slow
     * part of starting (jclouds wiring), independent of Kafka, so a caller may run it meanwhile.
     */
    public static BlobStoreContext openStore(Path baseDir, List<String> buckets) throws IOException {
        Files.createDirectories(baseDir);
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                .overrides(overrides)
                .buildView(BlobStoreContext.class);
        try {
            for (String bucket : buckets) {
                context.getBlobStore().createContainerInLocation(null, bucket);
            }
            return context;
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /**
     * Serves {@code context}'s store over S3 with notifications; closes the context if it fails.
     *
     * @param context   from {@link #openStore}; closed by {@link #close()}
     * @param port      the port, 0 for a free one
     * @param accessKey the one accepted access key
     * @param secretKey its secret
     * @param region    the region reported in notifications
     * @param sink      where notifications go
     */
    public static EmbeddedS3 serve(BlobStoreContext context, int port, String accessKey, String secretKey,
                                   String region, NotificationSink sink) throws Exception {
        try {
            BlobStore store = context.getBlobStore();
            // The format names the endpoint, which is known only once the port is bound.
            AtomicReference<String> boundEndpoint = new AtomicReference<>("");
            NotifyingBlobStore notifying = new NotifyingBlobStore(store, sink,
                    new MinioEventFormat(accessKey, region, boundEndpoint::get), Clock.systemUTC());
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(notifying)
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                    .build();
            long started = System.nanoTime();
            proxy.start();
            // Jetty's start is synchronous: anything but STARTED now is a failure, not a delay.
            if (!"STARTED".equals(proxy.getState())) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start, state " + proxy.getState());
            }
            URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
            boundEndpoint.set(endpoint.toString());
            LOG.info("S3 server on {} started in {} ms", endpoint,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new EmbeddedS3(context, proxy, notifying, endpoint);
        } catch (Exception | Error e) {
            context.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The store behind the server, for filters. */
    public NotifyingBlobStore blobStore() {
        return blobStore;
    }

    /** Stops serving and closes the store. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("stopping S3Proxy failed: {}", e.toString());
        }
        context.close();
        LOG.info("S3 server on {} stopped", endpoint);
    }
}
