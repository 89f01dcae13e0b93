package dev.segfold.engine.synthetic;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link SyntheticDatasetGenerator#generate} wrote.
 *
 * @param root the data set folder (holds dataset.json)
 * @param trainingCaseIds ids of the cases in imagesTr/labelsTr
 * @param testCaseIds ids of the cases in imagesTs
 * @param shape image shape (z, y, x)
 * @param spacing voxel spacing (z, y, x) in mm
 * @param channels image channels per case
 * @param foregroundClasses number of labels other than background
 * @param seed the seed that reproduces these files byte for byte
 */
public record SyntheticDatasetSummary(
        Path root,
        List<String> trainingCaseIds,
        List<String> testCaseIds,
        int[] shape,
        double[] spacing,
        int channels,
        int foregroundClasses,
        long seed) {
    public SyntheticDatasetSummary {
        trainingCaseIds = List.copyOf(trainingCaseIds);
        testCaseIds = List.copyOf(testCaseIds);
        shape = shape.clone();
        spacing = spacing.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public double[] spacing() {
        return spacing.clone();
    }

    @Override
    public String toString() {
        return "SyntheticDatasetSummary[root=" + root + ", training=" + trainingCaseIds.size() + ", test="
                + testCaseIds.size() + ", shape(z,y,x)=" + Arrays.toString(shape) + ", spacing(z,y,x)="
                + Arrays.toString(spacing) + ", channels=" + channels + ", foregroundClasses=" + foregroundClasses
                + ", seed=" + seed + "]";
    }
}
