package dev.segfold.engine.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * What planning needs to know about one training case, measured on the raw case after cropping to
 * its nonzero bounding box. Axes are (z, y, x).
 *
 * @param caseId the case identifier
 * @param sizeAfterCrop voxel counts of the cropped case
 * @param originalSpacing voxel spacing in mm
 * @param classes the foreground labels (> 0) present in the cropped label map, ascending
 * @param sizeReduction voxels after crop / voxels before; below 1 when the image has a zero border
 */
public record CaseFingerprint(
        @JsonProperty("case_id") String caseId,
        @JsonProperty("size_after_cropping") int[] sizeAfterCrop,
        @JsonProperty("original_spacing") double[] originalSpacing,
        @JsonProperty("classes") int[] classes,
        @JsonProperty("size_reduction") double sizeReduction) {

    public CaseFingerprint {
        Objects.requireNonNull(caseId, "caseId");
        if (sizeAfterCrop == null || sizeAfterCrop.length != 3) {
            throw new IllegalArgumentException(caseId + ": size_after_cropping needs 3 axes");
        }
        if (originalSpacing == null || originalSpacing.length != 3) {
            throw new IllegalArgumentException(caseId + ": original_spacing needs 3 axes");
        }
        for (double s : originalSpacing) {
            if (!(s > 0)) {
                throw new IllegalArgumentException(caseId + ": spacing must be positive, got "
                        + Arrays.toString(originalSpacing));
            }
        }
        sizeAfterCrop = sizeAfterCrop.clone();
        originalSpacing = originalSpacing.clone();
        classes = classes == null ? new int[0] : classes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaseFingerprint c && caseId.equals(c.caseId)
                && Arrays.equals(sizeAfterCrop, c.sizeAfterCrop) && Arrays.equals(originalSpacing, c.originalSpacing)
                && Arrays.equals(classes, c.classes) && Double.compare(sizeReduction, c.sizeReduction) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(caseId, Arrays.hashCode(sizeAfterCrop), Arrays.hashCode(originalSpacing),
                Arrays.hashCode(classes), sizeReduction);
    }

    @Override
    public String toString() {
        return "CaseFingerprint[" + caseId + ", size " + Arrays.toString(sizeAfterCrop) + ", spacing "
                + Arrays.toString(originalSpacing) + ", classes " + Arrays.toString(classes) + ", reduction "
                + sizeReduction + "]";
    }
}
