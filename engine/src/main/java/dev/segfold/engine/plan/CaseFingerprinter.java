package dev.segfold.engine.plan;

import dev.segfold.engine.dataset.RawCase;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.preprocess.CropBox;
import dev.segfold.engine.preprocess.NonzeroMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Measures one raw training case for the fingerprint, as nnU-Net's cropping step and
 * {@code DatasetAnalyzer} do: size after cropping to the nonzero bounding box, spacing, the
 * foreground labels inside that box, the size reduction, and optionally every 10th foreground
 * voxel per channel for the CT intensity statistics.
 */
public final class CaseFingerprinter {
    /** nnU-Net samples every 10th foreground voxel for the intensity statistics. */
    public static final int SAMPLE_STRIDE = 10;

    private CaseFingerprinter() {
    }

    public static CaseFingerprint fingerprint(RawCase rawCase) {
        return analyze(rawCase, false).fingerprint();
    }

    /**
     * @param collectIntensitySamples whether to collect foreground voxel samples per channel
     * @throws IllegalArgumentException when the case has no label map or inconsistent shapes
     */
    public static CaseAnalysis analyze(RawCase rawCase, boolean collectIntensitySamples) {
        String id = rawCase.caseId();
        Volume[] channels = rawCase.channels();
        if (channels == null || channels.length == 0) {
            throw new IllegalArgumentException(id + ": a case needs at least one channel");
        }
        if (!rawCase.hasLabels()) {
            throw new IllegalArgumentException(id + ": only labelled training cases can be fingerprinted");
        }
        int[] shape = channels[0].shape();
        for (Volume c : channels) {
            requireShape(id, "channel", shape, c.shape());
        }
        requireShape(id, "label map", shape, rawCase.seg().shape());
        if (rawCase.spacing() == null || rawCase.spacing().length != 3) {
            throw new IllegalArgumentException(id + ": spacing needs 3 axes (z, y, x)");
        }

        int[][] box = NonzeroMask.boundingBox(channels);
        int[] size = CropBox.size(box);
        double reduction = (double) NumpyMath.prod(size) / NumpyMath.prod(shape);

        // Walk the box in (z, y, x) order: the order of the cropped array nnU-Net samples with [::10].
        float[] seg = rawCase.seg().data();
        TreeSet<Integer> classes = new TreeSet<>();
        int nChannels = collectIntensitySamples ? channels.length : 0;
        List<float[]> buffers = new ArrayList<>();
        for (int c = 0; c < nChannels; c++) {
            buffers.add(new float[64]);
        }
        int taken = 0;
        long foreground = 0;
        int lastLabel = Integer.MIN_VALUE;
        for (int z = box[0][0]; z < box[0][1]; z++) {
            for (int y = box[1][0]; y < box[1][1]; y++) {
                int row = (z * shape[1] + y) * shape[2];
                for (int x = box[2][0]; x < box[2][1]; x++) {
                    float label = seg[row + x];
                    if (!(label > 0)) {
                        continue;
                    }
                    int l = Math.round(label);
                    if (l != lastLabel) {
                        classes.add(l);
                        lastLabel = l;
                    }
                    if (nChannels > 0 && foreground % SAMPLE_STRIDE == 0) {
                        for (int c = 0; c < nChannels; c++) {
                            float[] b = buffers.get(c);
                            if (taken == b.length) {
                                b = Arrays.copyOf(b, b.length * 2);
                                buffers.set(c, b);
                            }
                            b[taken] = channels[c].data()[row + x];
                        }
                        taken++;
                    }
                    foreground++;
                }
            }
        }
        List<float[]> samples = new ArrayList<>(nChannels);
        for (float[] b : buffers) {
            samples.add(Arrays.copyOf(b, taken));
        }
        int[] classArray = classes.stream().mapToInt(Integer::intValue).toArray();
        CaseFingerprint fp = new CaseFingerprint(id, size, rawCase.spacing(), classArray, reduction);
        return new CaseAnalysis(fp, samples);
    }

    private static void requireShape(String id, String what, int[] expected, int[] actual) {
        if (!Arrays.equals(expected, actual)) {
            throw new IllegalArgumentException(id + ": " + what + " has shape " + Arrays.toString(actual)
                    + ", channel 0 has " + Arrays.toString(expected));
        }
    }
}
