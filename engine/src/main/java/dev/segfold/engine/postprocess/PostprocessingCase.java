package dev.segfold.engine.postprocess;

import dev.segfold.engine.image.Volume;

/**
 * One validation case for choosing postprocessing: the raw predicted label map, its ground truth
 * and the physical volume of one voxel (product of the NIfTI spacing), which scales component sizes.
 *
 * @param name case id, recorded as "test" and "reference" in the summaries
 */
public record PostprocessingCase(String name, Volume prediction, Volume reference, double voxelVolume) {}
