package dev.segfold.config.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The config-service's own settings ({@code segfold.config.*}), every one with its default. */
@ConfigMapping(prefix = "segfold.config")
public interface ConfigServiceSettings {

    /** How long the presigned URL of {@code GET /runs/{id}/submission} stays valid. */
    @WithDefault("PT15M")
    Duration presignValidity();

    /**
     * Low-res spacing relative to the full-resolution spacing when a configuration needs a low-res
     * stage that nnU-Net's planner did not make (small images, such as Hippocampus or a generated
     * data set): the planner is run again with a forced low-res stage at this factor.
     */
    @WithDefault("2.0")
    double forcedLowresFactor();

    /** Status events kept per run for {@code GET /runs/{id}/events} to replay to a new listener. */
    @WithDefault("1000")
    int eventHistory();

    /**
     * What a run's precision {@code auto} becomes: {@code detect} (the default) looks at this
     * host, bf16 where its CPU reports AMX-BF16 or AVX512-BF16 or a CUDA device is visible, fp32
     * elsewhere, which is right on one machine (the embedded stack, docker compose); where trainers
     * run on other hardware than the config-service, set {@code fp32} or {@code bf16} to what the
     * trainers compute natively.
     */
    @WithDefault("detect")
    String autoPrecision();

    /** How long {@code POST /runs} waits for the broker to acknowledge the fold requests. */
    @WithDefault("PT30S")
    Duration publishTimeout();
}
