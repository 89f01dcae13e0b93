package dev.segfold.predictor.config;

import dev.segfold.engine.workflow.CaseSegmenter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the predictor service, {@code segfold.predictor.*}. */
@ConfigMapping(prefix = "segfold.predictor")
public interface PredictorConfig {

    /** How the ensemble predicts the test cases. */
    Inference inference();

    /** Sliding-window inference settings (nnU-Net's defaults). */
    interface Inference {
        /** Test-time augmentation over the 8 axis flips. */
        @WithDefault("true")
        boolean mirroring();

        /** Sliding-window step as a fraction of the patch. */
        @WithDefault("0.5")
        double stepSize();

        /** Tiles per network call. */
        @WithDefault("2")
        int tileBatch();

        /** As the engine's settings. */
        default CaseSegmenter.Settings settings() {
            return new CaseSegmenter.Settings(mirroring(), stepSize(), tileBatch());
        }
    }
}
