package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;

/**
 * One patch on its way through augmentation: the intensity channels and the segmentation
 * channels, all of the same shape. Segmentation channel 0 is the ground truth (-1 outside the
 * nonzero mask and in padding, 0 background, 1..K foreground); in the cascade, channel 1 is the
 * previous stage's label map until {@link PreviousStageOneHot} moves it into the data.
 *
 * <p>Mutable on purpose: augmentations replace or rewrite the channels in place to avoid a copy
 * per step.
 */
public final class Sample {
    private Volume[] data;
    private Volume[] seg;

    /** A sample of {@code data} and {@code seg} channels (not copied); all must share one shape. */
    public Sample(Volume[] data, Volume[] seg) {
        set(data, seg);
    }

    /** Shape (z, y, x) shared by every channel. */
    public int[] shape() {
        return data.length > 0 ? data[0].shape() : seg[0].shape();
    }

    /** The intensity channels; writes go through. */
    public Volume[] data() {
        return data;
    }

    /** The segmentation channels; writes go through. */
    public Volume[] seg() {
        return seg;
    }

    /** Replaces all channels, for steps that change the shape or the channel count. */
    public void set(Volume[] newData, Volume[] newSeg) {
        if (newData.length + newSeg.length == 0) {
            throw new IllegalArgumentException("a sample needs at least one channel");
        }
        int[] shape = newData.length > 0 ? newData[0].shape() : newSeg[0].shape();
        for (Volume v : newData) {
            requireShape(v, shape, "data");
        }
        for (Volume v : newSeg) {
            requireShape(v, shape, "seg");
        }
        this.data = newData;
        this.seg = newSeg;
    }

    /** A deep copy, for comparing before and after. */
    public Sample copy() {
        return new Sample(
                Arrays.stream(data).map(Volume::copy).toArray(Volume[]::new),
                Arrays.stream(seg).map(Volume::copy).toArray(Volume[]::new));
    }

    private static void requireShape(Volume v, int[] shape, String kind) {
        if (!Arrays.equals(v.shape(), shape)) {
            throw new IllegalArgumentException(
                    kind + " channel " + v + " does not match the sample shape " + Arrays.toString(shape));
        }
    }
}
