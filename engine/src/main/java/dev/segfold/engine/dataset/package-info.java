/**
 * Data sets as they lie on disk: the Medical Segmentation Decathlon layout ({@code dataset.json},
 * {@code imagesTr}, {@code labelsTr}, {@code imagesTs}, multi-channel images as 4D NIfTI) and the
 * nnU-Net raw layout (one {@code <case>_XXXX.nii.gz} file per channel).
 *
 * <p>{@link dev.segfold.engine.dataset.MsdDataset} finds the cases and loads one as a
 * {@link dev.segfold.engine.dataset.RawCase} plus the header needed to export a prediction;
 * {@link dev.segfold.engine.dataset.DatasetValidator} checks a whole data set before training and
 * lists every problem with the file it concerns.
 */
package dev.segfold.engine.dataset;
