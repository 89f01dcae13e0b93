package dev.segfold.engine.postprocess;

import dev.segfold.engine.image.Volume;

/**
 * Removes every connected component of a class (or joint group of classes) except the largest,
 * as nnU-Net v1's {@code remove_all_but_the_largest_connected_component}: size is the voxel count
 * times the physical volume of a voxel, every component of the maximum size is kept (ties are
 * kept), and removed voxels become background.
 */
public final class KeepLargestComponent {
    private KeepLargestComponent() {}

    /**
     * What one application did.
     *
     * @param components components found
     * @param keptSize physical size of the largest component (NaN when there was none)
     * @param largestRemovedSize physical size of the largest removed component (NaN when none)
     */
    public record Result(int components, double keptSize, double largestRemovedSize) {}

    /**
     * Applies to {@code segmentation} in place.
     *
     * @param voxelVolume product of the voxel spacing (mm^3); only sizes' scale, ties unaffected
     */
    public static Result applyInPlace(Volume segmentation, LabelGroup group, double voxelVolume) {
        float[] data = segmentation.data();
        boolean[] mask = new boolean[data.length];
        for (int i = 0; i < data.length; i++) {
            mask[i] = group.contains(data[i]);
        }
        ConnectedComponents cc = ConnectedComponents.of(mask, segmentation.shape());
        if (cc.count() == 0) {
            return new Result(0, Double.NaN, Double.NaN);
        }
        long[] counts = cc.voxelCounts();
        double[] sizes = new double[counts.length];
        double max = 0;
        for (int k = 1; k < counts.length; k++) {
            sizes[k] = counts[k] * voxelVolume;
            max = Math.max(max, sizes[k]);
        }
        boolean[] remove = new boolean[counts.length];
        double largestRemoved = Double.NaN;
        for (int k = 1; k < counts.length; k++) {
            if (sizes[k] != max) {
                remove[k] = true;
                largestRemoved = Double.isNaN(largestRemoved) ? sizes[k] : Math.max(largestRemoved, sizes[k]);
            }
        }
        int[] labels = cc.labels();
        for (int i = 0; i < data.length; i++) {
            if (labels[i] != 0 && remove[labels[i]]) {
                data[i] = 0;
            }
        }
        return new Result(cc.count(), max, largestRemoved);
    }

    /** A copy of {@code segmentation} with the group reduced to its largest component(s). */
    public static Volume apply(Volume segmentation, LabelGroup group, double voxelVolume) {
        Volume out = segmentation.copy();
        applyInPlace(out, group, voxelVolume);
        return out;
    }
}
