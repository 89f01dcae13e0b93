package dev.segfold.service.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the object store is and which buckets Segfold uses. Credentials have no default: they come
 * from configuration (environment {@code SEGFOLD_S3_ACCESS_KEY}, {@code SEGFOLD_S3_SECRET_KEY}).
 */
@ConfigMapping(prefix = "segfold.s3")
public interface ObjectStoreConfig {
    /** S3 endpoint, e.g. {@code http://minio:9000}. */
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("us-east-1")
    String region();

    Buckets buckets();

    /** Bucket names (DESIGN §4). */
    interface Buckets {
        @WithDefault("segfold-datasets")
        String datasets();

        @WithDefault("segfold-runs")
        String runs();

        @WithDefault("segfold-cache")
        String cache();
    }
}
