package dev.segfold.engine.dataset;

import dev.segfold.engine.image.Volume;

/**
 * One case as it lies in the data set, before any preprocessing.
 *
 * @param caseId the case identifier (nnU-Net: image file name without the {@code _XXXX.nii.gz}
 *     channel suffix; MSD: file name without {@code .nii.gz})
 * @param channels one volume per modality, all of the same shape, (z, y, x)
 * @param seg the label map, or null for a test case
 * @param spacing voxel spacing in mm, (z, y, x)
 */
public record RawCase(String caseId, Volume[] channels, Volume seg, double[] spacing) {
    public boolean hasLabels() {
        return seg != null;
    }
}
