package dev.segfold.engine.preprocess;

import dev.segfold.engine.image.Volume;

/**
 * One training case after crop, resampling and normalisation: what the data loader samples
 * patches from.
 *
 * @param caseId the case identifier (image file name without channel suffix)
 * @param data one normalised volume per input channel
 * @param seg the label map: -1 outside the nonzero mask, 0 background, 1..K foreground; null for
 *     a test case
 * @param properties how to map predictions back to the raw image
 */
public record PreprocessedCase(String caseId, Volume[] data, Volume seg, CaseProperties properties) {}
