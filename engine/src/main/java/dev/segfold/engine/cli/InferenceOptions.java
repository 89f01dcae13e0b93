package dev.segfold.engine.cli;

import dev.segfold.engine.workflow.CaseSegmenter;
import picocli.CommandLine.Option;

/** Sliding-window settings. */
final class InferenceOptions {
    @Option(names = "--disable-tta", description = "no mirroring test-time augmentation")
    boolean disableTta;

    @Option(names = "--step-size", defaultValue = "0.5", description = "window step as a fraction of the patch (default: ${DEFAULT-VALUE})")
    double stepSize;

    @Option(names = "--inference-precision", description = "arithmetic of the network when predicting: auto "
            + "(bf16 where native here), fp32 or bf16 (default: the training precision in run, auto elsewhere)")
    String precision;

    CaseSegmenter.Settings settings() {
        return new CaseSegmenter.Settings(!disableTta, stepSize, 2,
                PrecisionOption.resolve(precision == null ? "auto" : precision));
    }

    /** The settings, predicting in {@code trained} unless {@code --inference-precision} says otherwise. */
    CaseSegmenter.Settings settings(dev.segfold.engine.network.Precision trained) {
        return new CaseSegmenter.Settings(!disableTta, stepSize, 2,
                precision == null ? trained : PrecisionOption.resolve(precision));
    }
}
