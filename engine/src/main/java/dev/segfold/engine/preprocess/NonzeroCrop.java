package dev.segfold.engine.preprocess;

import dev.segfold.engine.image.Volume;

/**
 * nnU-Net's {@code crop_to_nonzero}: crops every channel and the label map to the bounding box of
 * the hole-filled nonzero mask, and marks background outside the mask with -1 so that
 * normalisation and augmentation can tell "outside the body" from "background".
 */
public final class NonzeroCrop {
    /** The label nnU-Net writes into the segmentation outside the nonzero mask. */
    public static final float OUTSIDE = -1f;

    private NonzeroCrop() {}

    /**
     * A cropped case.
     *
     * @param channels the cropped channels
     * @param seg the cropped labels with -1 outside the mask; for a case without labels, -1
     *     outside and 0 inside the mask
     * @param box per axis [start, end) in the raw image
     */
    public record Result(Volume[] channels, Volume seg, int[][] box) {}

    /** Crops {@code channels} and {@code seg} (null for a case without labels). */
    public static Result crop(Volume[] channels, Volume seg) {
        int[] shape = channels[0].shape();
        if (seg != null && !java.util.Arrays.equals(shape, seg.shape())) {
            throw new IllegalArgumentException("segmentation shape " + java.util.Arrays.toString(seg.shape())
                    + " differs from image shape " + java.util.Arrays.toString(shape));
        }
        boolean[] mask = NonzeroMask.of(channels);
        int[][] box = NonzeroMask.boundingBox(mask, shape);
        Volume[] cropped = new Volume[channels.length];
        for (int c = 0; c < channels.length; c++) {
            cropped[c] = CropBox.crop(channels[c], box);
        }
        float[] maskValues = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            maskValues[i] = mask[i] ? 1f : 0f;
        }
        float[] croppedMask = CropBox.crop(new Volume(shape, maskValues), box).data();
        Volume labels = seg == null ? Volume.zeros(CropBox.size(box)) : CropBox.crop(seg, box);
        float[] l = labels.data();
        for (int i = 0; i < l.length; i++) {
            if (l[i] == 0f && croppedMask[i] == 0f) {
                l[i] = OUTSIDE;
            }
        }
        return new Result(cropped, labels, box);
    }
}
