package dev.segfold.engine.cli;

import dev.segfold.engine.workflow.CaseSegmenter;
import picocli.CommandLine.Option;

/** Sliding-window settings. */
final class InferenceOptions {
    @Option(names = "--disable-tta", description = "no mirroring test-time augmentation")
    boolean disableTta;

    @Option(names = "--step-size", defaultValue = "0.5", description = "window step as a fraction of the patch (default: ${DEFAULT-VALUE})")
    double stepSize;

    CaseSegmenter.Settings settings() {
        return new CaseSegmenter.Settings(!disableTta, stepSize, 2);
    }
}
