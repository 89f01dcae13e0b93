/**
 * nnU-Net's preprocessing of one case and its inverse: crop to the nonzero region, transpose,
 * resample to the stage's spacing, normalise intensities, sample foreground locations
 * ({@link dev.segfold.engine.preprocess.CasePreprocessor}); a disk cache of the results shared by
 * all folds ({@link dev.segfold.engine.preprocess.PreprocessedCaseStore}); and the way back from a
 * softmax in preprocessed space to a label map in the original image
 * ({@link dev.segfold.engine.preprocess.SegmentationExporter}, and
 * {@link dev.segfold.engine.preprocess.NextStageLabels} for the cascade).
 */
package dev.segfold.engine.preprocess;
