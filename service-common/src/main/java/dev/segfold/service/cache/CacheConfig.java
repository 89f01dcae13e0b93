package dev.segfold.service.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The preprocessed-data cache ({@code segfold.cache.*}); the bucket is {@code segfold.s3.buckets.cache}. */
@ConfigMapping(prefix = "segfold.cache")
public interface CacheConfig {
    /**
     * Whether preprocessed training cases are shared through the cache bucket (env
     * {@code SEGFOLD_CACHE_SHARED}). {@code false} keeps them on this machine only: nothing is read
     * from or written to the bucket, and every machine preprocesses for itself once.
     */
    @WithDefault("true")
    boolean shared();
}
