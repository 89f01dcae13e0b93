package dev.segfold.engine.postprocess;

import dev.segfold.engine.image.Volume;
import java.util.List;

/**
 * The postprocessing chosen for a model: keep-largest-component applied for each entry of
 * {@code forWhichClasses}, in order (postprocessing.json's {@code for_which_classes}). Empty means
 * the raw prediction is final.
 *
 * @param forWhichClasses groups in application order
 */
public record PostprocessingPlan(List<LabelGroup> forWhichClasses) {
    public static final PostprocessingPlan NONE = new PostprocessingPlan(List.of());

    public PostprocessingPlan {
        forWhichClasses = List.copyOf(forWhichClasses);
    }

    /** The postprocessed copy of {@code prediction}. */
    public Volume apply(Volume prediction, double voxelVolume) {
        Volume out = prediction.copy();
        applyInPlace(out, voxelVolume);
        return out;
    }

    /** Postprocesses {@code prediction} in place. */
    public void applyInPlace(Volume prediction, double voxelVolume) {
        for (LabelGroup g : forWhichClasses) {
            KeepLargestComponent.applyInPlace(prediction, g, voxelVolume);
        }
    }

    public boolean isEmpty() {
        return forWhichClasses.isEmpty();
    }
}
