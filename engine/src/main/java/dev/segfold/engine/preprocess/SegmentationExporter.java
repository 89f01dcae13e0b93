package dev.segfold.engine.preprocess;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.resample.Interpolation;
import dev.segfold.engine.resample.ResamplingPlan;
import dev.segfold.engine.resample.Resampler;
import java.util.Arrays;

/**
 * The inverse of preprocessing for a prediction (nnU-Net's
 * {@code save_segmentation_nifti_from_softmax}, without the file writing): a softmax in
 * preprocessed space, [K] volumes of the preprocessed shape, goes back through transpose,
 * resampling to the cropped shape (order 1, order 0 along a separate low-resolution axis) and
 * uncropping to the raw image's grid.
 *
 * <p>One deliberate difference: nnU-Net v1 decides the separate-z axis on the resampled spacing
 * in transposed order while the softmax is already transposed back; here that spacing is
 * transposed back too, so the axis is the right one whatever {@code transpose_forward} is.
 */
public final class SegmentationExporter {
    private final int[] transposeBackward;

    /** An exporter for plans with this {@code transpose_backward}. */
    public SegmentationExporter(int[] transposeBackward) {
        AxisOrder.check(transposeBackward);
        this.transposeBackward = transposeBackward.clone();
    }

    /** The label map (0..K-1) on the raw image's grid: 0 outside the crop box. */
    public Volume labels(Volume[] softmax, CaseProperties properties) {
        Volume cropped = SoftmaxArgmax.argmax(toCropGeometry(softmax, properties));
        return CropBox.uncrop(cropped, properties.cropBox(), properties.originalShape(), 0f);
    }

    /**
     * The probabilities on the cropped grid of the raw image (shape after crop, raw axis order):
     * what fold ensembling averages before one argmax.
     */
    public Volume[] toCropGeometry(Volume[] softmax, CaseProperties properties) {
        int[] target = properties.shapeAfterCrop();
        double[] resampledSpacing = AxisOrder.permute(properties.spacingAfterResampling(), transposeBackward);
        ResamplingPlan plan = ResamplingPlan.forShape(target, properties.originalSpacing(), resampledSpacing);
        Volume[] out = new Volume[softmax.length];
        for (int k = 0; k < softmax.length; k++) {
            Volume back = AxisOrder.transpose(softmax[k], transposeBackward);
            out[k] = Arrays.equals(back.shape(), target) ? back : Resampler.data(back, plan, Interpolation.LINEAR);
        }
        return out;
    }

    /**
     * The probabilities on the raw image's full grid, 0 outside the crop box (as nnU-Net's
     * exported softmax npz).
     */
    public Volume[] toOriginalGeometry(Volume[] softmax, CaseProperties properties) {
        Volume[] cropped = toCropGeometry(softmax, properties);
        Volume[] out = new Volume[cropped.length];
        for (int k = 0; k < cropped.length; k++) {
            out[k] = CropBox.uncrop(cropped[k], properties.cropBox(), properties.originalShape(), 0f);
        }
        return out;
    }
}
