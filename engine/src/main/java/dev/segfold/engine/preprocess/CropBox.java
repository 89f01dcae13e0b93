package dev.segfold.engine.preprocess;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;

/**
 * Cutting a box out of a volume and putting a volume back into a box: the crop of preprocessing
 * and the uncrop of export. A box is per axis [start, end), as nnU-Net's {@code crop_bbox}.
 */
public final class CropBox {
    private CropBox() {}

    /** The part of {@code volume} inside {@code box}. */
    public static Volume crop(Volume volume, int[][] box) {
        int[] shape = volume.shape();
        check(box, shape);
        int[] out = size(box);
        float[] src = volume.data();
        float[] dst = new float[out[0] * out[1] * out[2]];
        int k = 0;
        for (int z = box[0][0]; z < box[0][1]; z++) {
            for (int y = box[1][0]; y < box[1][1]; y++) {
                System.arraycopy(src, volume.index(z, y, box[2][0]), dst, k, out[2]);
                k += out[2];
            }
        }
        return new Volume(out, dst);
    }

    /**
     * A volume of {@code fullShape} filled with {@code background}, with {@code part} written at
     * {@code box}'s start. As nnU-Net's export, a part larger than the box is cut at the image
     * border.
     */
    public static Volume uncrop(Volume part, int[][] box, int[] fullShape, float background) {
        check(box, fullShape);
        Volume full = Volume.zeros(fullShape);
        float[] dst = full.data();
        if (background != 0f) {
            Arrays.fill(dst, background);
        }
        int[] p = part.shape();
        int[] n = new int[3];
        for (int a = 0; a < 3; a++) {
            n[a] = Math.min(p[a], fullShape[a] - box[a][0]);
        }
        float[] src = part.data();
        for (int z = 0; z < n[0]; z++) {
            for (int y = 0; y < n[1]; y++) {
                System.arraycopy(src, part.index(z, y, 0), dst, full.index(box[0][0] + z, box[1][0] + y, box[2][0]), n[2]);
            }
        }
        return full;
    }

    /** The box's size per axis. */
    public static int[] size(int[][] box) {
        return new int[] {box[0][1] - box[0][0], box[1][1] - box[1][0], box[2][1] - box[2][0]};
    }

    private static void check(int[][] box, int[] shape) {
        if (box == null || box.length != 3) {
            throw new IllegalArgumentException("crop box must have 3 axes");
        }
        for (int a = 0; a < 3; a++) {
            if (box[a].length != 2 || box[a][0] < 0 || box[a][1] > shape[a] || box[a][0] >= box[a][1]) {
                throw new IllegalArgumentException("crop box axis " + a + " " + Arrays.toString(box[a])
                        + " does not fit an image of shape " + Arrays.toString(shape));
            }
        }
    }
}
