package dev.segfold.service.storage;

import dev.segfold.devstack.DevStack;
import java.time.Duration;

/**
 * {@link ObjectStoreConfig} for a devstack, with chosen credentials and retry deadline (shared with
 * the services' tests through this module's test jar).
 */
public final class StoreConfigs {
    private StoreConfigs() {
    }

    public static ObjectStoreConfig of(DevStack stack, String accessKey, String secretKey, Duration deadline) {
        return new ObjectStoreConfig() {
            @Override
            public String endpoint() {
                return stack.s3Endpoint().toString();
            }

            @Override
            public String accessKey() {
                return accessKey;
            }

            @Override
            public String secretKey() {
                return secretKey;
            }

            @Override
            public String region() {
                return stack.region();
            }

            @Override
            public Buckets buckets() {
                return new Buckets() {
                    @Override
                    public String datasets() {
                        return "segfold-datasets";
                    }

                    @Override
                    public String runs() {
                        return "segfold-runs";
                    }

                    @Override
                    public String cache() {
                        return "segfold-cache";
                    }
                };
            }

            @Override
            public Retry retry() {
                return new Retry() {
                    @Override
                    public Duration deadline() {
                        return deadline;
                    }

                    @Override
                    public Duration initialBackoff() {
                        return Duration.ofMillis(200);
                    }

                    @Override
                    public Duration maxBackoff() {
                        return Duration.ofSeconds(2);
                    }
                };
            }
        };
    }
}
