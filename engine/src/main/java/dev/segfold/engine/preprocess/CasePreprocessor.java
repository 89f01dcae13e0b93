package dev.segfold.engine.preprocess;

import dev.segfold.engine.dataset.RawCase;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.resample.Interpolation;
import dev.segfold.engine.resample.ResamplingPlan;
import dev.segfold.engine.resample.Resampler;
import java.util.Arrays;
import java.util.Map;

/**
 * nnU-Net's GenericPreprocessor for one case: crop to nonzero, transpose, NaN to 0, resample to
 * the stage spacing (data order 3, labels order 1 per label, separate z for anisotropic
 * spacings), normalise, sample class locations.
 *
 * <p>In the resulting {@link CaseProperties}, the raw-image fields (original shape and spacing,
 * crop box, shape after crop) are in the raw (z, y, x) order; the preprocessed-array fields
 * (spacing and shape after resampling, class locations) are in transposed order, as nnU-Net's pkl.
 */
public final class CasePreprocessor {
    private final PreprocessingParameters parameters;

    public CasePreprocessor(PreprocessingParameters parameters) {
        this.parameters = parameters;
    }

    /** The preprocessed case; its seg is null when {@code raw} has no labels. */
    public PreprocessedCase preprocess(RawCase raw) {
        Volume[] channels = raw.channels();
        if (channels == null || channels.length == 0) {
            throw new IllegalArgumentException("case " + raw.caseId() + ": no image channels");
        }
        if (channels.length != parameters.normalization().size()) {
            throw new IllegalArgumentException("case " + raw.caseId() + ": " + channels.length
                    + " channels, but normalization parameters for " + parameters.normalization().size());
        }
        double[] spacing = raw.spacing();
        if (spacing == null || spacing.length != 3) {
            throw new IllegalArgumentException("case " + raw.caseId() + ": spacing must have 3 entries, got "
                    + Arrays.toString(spacing));
        }
        int[] originalShape = channels[0].shape();
        NonzeroCrop.Result cropped = NonzeroCrop.crop(channels, raw.seg());
        int[] shapeAfterCrop = CropBox.size(cropped.box());

        int[] axes = parameters.transposeForward();
        double[] spacingT = AxisOrder.permute(spacing, axes);
        double[] target = parameters.targetSpacing();
        ResamplingPlan plan = ResamplingPlan.forSpacing(AxisOrder.permute(shapeAfterCrop, axes), spacingT, target);

        Volume[] data = new Volume[channels.length];
        for (int c = 0; c < channels.length; c++) {
            Volume t = AxisOrder.transpose(cropped.channels()[c], axes);
            replaceNaN(t.data());
            data[c] = Resampler.data(t, plan, Interpolation.CUBIC);
        }
        Volume seg = Resampler.labels(AxisOrder.transpose(cropped.seg(), axes), plan);
        float[] s = seg.data();
        for (int i = 0; i < s.length; i++) {
            if (s[i] < -1f) {
                s[i] = 0f;
            }
        }
        for (int c = 0; c < data.length; c++) {
            IntensityNormalizer.normalize(data[c], seg, parameters.normalization().channel(c));
        }
        Map<Integer, int[][]> locations = raw.hasLabels()
                ? ClassLocationSampler.sample(seg, parameters.foregroundClasses(), parameters.seed())
                : Map.of();
        CaseProperties properties = new CaseProperties(originalShape, spacing.clone(), cropped.box(), shapeAfterCrop,
                target, seg.shape(), locations);
        return new PreprocessedCase(raw.caseId(), data, raw.hasLabels() ? seg : null, properties);
    }

    private static void replaceNaN(float[] d) {
        for (int i = 0; i < d.length; i++) {
            if (Float.isNaN(d[i])) {
                d[i] = 0f;
            }
        }
    }
}
