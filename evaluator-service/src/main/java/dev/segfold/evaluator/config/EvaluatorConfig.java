package dev.segfold.evaluator.config;

import dev.segfold.engine.workflow.CaseSegmenter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Every knob of the evaluator and its default. Which checkpoints to evaluate is normally the run's
 * choice ({@code evaluateEveryCheckpoint} in {@code run.json}); the default here applies only when
 * run.json does not say.
 */
@ConfigMapping(prefix = "segfold.evaluator")
public interface EvaluatorConfig {

    /** Evaluate non-final checkpoints too, for runs whose run.json does not say. */
    @WithDefault("false")
    boolean evaluateEveryCheckpoint();

    /** Sliding-window inference on the validation cases. */
    Inference inference();

    /** How long to wait for the broker to acknowledge a published event before the work counts as failed. */
    @WithDefault("PT30S")
    Duration publishTimeout();

    /** Keep the local evaluation folder (downloaded checkpoint, predictions) after upload, for debugging. */
    @WithDefault("false")
    boolean keepLocalFiles();

    /** nnU-Net's validation inference settings. */
    interface Inference {
        /** Test-time mirroring over the 8 axis flips (nnU-Net validates with it). */
        @WithDefault("true")
        boolean mirroring();

        /** Sliding-window step as a fraction of the patch. */
        @WithDefault("0.5")
        double stepSize();

        /** Tiles per network call. */
        @WithDefault("2")
        int tileBatch();

        /** As the engine takes them. */
        default CaseSegmenter.Settings settings() {
            return new CaseSegmenter.Settings(mirroring(), stepSize(), tileBatch());
        }
    }
}
