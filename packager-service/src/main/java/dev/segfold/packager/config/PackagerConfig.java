package dev.segfold.packager.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the packager service, {@code segfold.packager.*}. */
@ConfigMapping(prefix = "segfold.packager")
public interface PackagerConfig {

    /** The code version written into the manifest (a git hash in images, else the project version). */
    @WithDefault("unknown")
    String codeVersion();
}
