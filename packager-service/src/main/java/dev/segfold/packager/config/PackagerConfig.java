package dev.segfold.packager.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the packager service, {@code segfold.packager.*}. */
@ConfigMapping(prefix = "segfold.packager")
public interface PackagerConfig {

    /** How long the presigned submission URL works (S3 allows at most 7 days). */
    @WithDefault("P7D")
    Duration urlValidity();

    /** The code version written into the manifest (a git hash in images, else the project version). */
    @WithDefault("unknown")
    String codeVersion();
}
