package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code MoveSegAsOneHotToData} as the nnU-Net cascade uses it: the previous
 * stage's label map, which rode through augmentation as segmentation channel 1, is removed from
 * the segmentation and appended to the data as one indicator channel per foreground label.
 */
public final class PreviousStageOneHot implements Augmentation {
    private final int[] labels;

    /** @param labels the foreground labels 1..K, one data channel each, in this order */
    public PreviousStageOneHot(int[] labels) {
        this.labels = labels.clone();
    }

    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        Volume[] seg = sample.seg();
        if (seg.length < 2) {
            throw new IllegalStateException(
                    "cascade augmentation needs the previous stage as segmentation channel 1, the sample has "
                            + seg.length + " segmentation channel(s)");
        }
        Volume[] data = sample.data();
        Volume[] newData = java.util.Arrays.copyOf(data, data.length + labels.length);
        Volume[] onehot = oneHot(seg[1], labels);
        System.arraycopy(onehot, 0, newData, data.length, onehot.length);
        Volume[] newSeg = new Volume[seg.length - 1];
        newSeg[0] = seg[0];
        System.arraycopy(seg, 2, newSeg, 1, seg.length - 2);
        sample.set(newData, newSeg);
    }

    /** One indicator volume per entry of {@code labels}: 1 where {@code map} holds that label, else 0. */
    public static Volume[] oneHot(Volume map, int[] labels) {
        float[] prev = map.data();
        Volume[] out = new Volume[labels.length];
        for (int i = 0; i < labels.length; i++) {
            float[] indicator = new float[prev.length];
            float l = labels[i];
            for (int v = 0; v < prev.length; v++) {
                if (prev[v] == l) {
                    indicator[v] = 1;
                }
            }
            out[i] = new Volume(map.shape(), indicator);
        }
        return out;
    }
}
