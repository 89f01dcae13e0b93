package dev.segfold.engine.workflow;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.inference.SlidingWindowPredictor;
import dev.segfold.engine.network.Precision;
import dev.segfold.engine.network.UNetPredictor;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.plan.StagePlan;
import dev.segfold.engine.preprocess.PreprocessedCase;
import dev.segfold.engine.preprocess.SegmentationExporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Segments preprocessed cases with one or several trained folds: sliding-window softmax per fold,
 * averaged (the ensemble), then mapped back to the raw image's geometry. Averaging in the
 * preprocessed space equals nnU-Net's averaging of exported softmax files, because the export's
 * order-1 resampling and cropping are linear.
 */
public final class CaseSegmenter implements AutoCloseable {
    /**
     * Inference options.
     *
     * @param mirroring test-time augmentation over the 8 axis flips
     * @param stepSize sliding-window step as a fraction of the patch (0.5)
     * @param tileBatch tiles per network call
     * @param precision arithmetic of the network: the run's, so a bf16 run also predicts in bf16
     */
    public record Settings(boolean mirroring, double stepSize, int tileBatch, Precision precision) {
        public Settings {
            if (precision == null) {
                throw new IllegalArgumentException("precision is required");
            }
        }

        /** In fp32 (tests and tools that compare with float32 references). */
        public Settings(boolean mirroring, double stepSize, int tileBatch) {
            this(mirroring, stepSize, tileBatch, Precision.FP32);
        }

        public static Settings defaults() {
            return new Settings(true, 0.5, 2);
        }

        /** The same settings in another precision. */
        public Settings withPrecision(Precision value) {
            return new Settings(mirroring, stepSize, tileBatch, value);
        }
    }

    private final List<UNetPredictor> predictors = new ArrayList<>();
    private final List<SlidingWindowPredictor> windows = new ArrayList<>();
    private final SegmentationExporter exporter;

    public CaseSegmenter(Plans plans, StagePlan stage, List<Path> checkpoints, Settings settings) throws IOException {
        if (checkpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one checkpoint is needed to segment");
        }
        try {
            for (Path checkpoint : checkpoints) {
                UNetPredictor p = UNetPredictor.load(checkpoint, settings.precision());
                predictors.add(p);
                windows.add(SlidingWindowPredictor.builder(p, stage.patchSize())
                        .optMirroring(settings.mirroring())
                        .optStepSize(settings.stepSize())
                        .optBatchSize(settings.tileBatch())
                        .build());
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        this.exporter = new SegmentationExporter(plans.transposeBackward());
    }

    /** Mean softmax of all folds in the preprocessed space, one volume per class. */
    public Volume[] softmax(PreprocessedCase c) {
        Volume[] sum = null;
        for (SlidingWindowPredictor w : windows) {
            Volume[] p = w.predict(c.data());
            if (sum == null) {
                sum = p;
            } else {
                for (int k = 0; k < sum.length; k++) {
                    float[] s = sum[k].data();
                    float[] q = p[k].data();
                    for (int i = 0; i < s.length; i++) {
                        s[i] += q[i];
                    }
                }
            }
        }
        if (windows.size() > 1) {
            float inv = 1f / windows.size();
            for (Volume v : sum) {
                float[] s = v.data();
                for (int i = 0; i < s.length; i++) {
                    s[i] *= inv;
                }
            }
        }
        return sum;
    }

    /** Labels in the raw image's geometry. */
    public Volume segment(PreprocessedCase c) {
        return exporter.labels(softmax(c), c.properties());
    }

    public SegmentationExporter exporter() {
        return exporter;
    }

    @Override
    public void close() {
        for (UNetPredictor p : predictors) {
            p.close();
        }
        predictors.clear();
    }
}
