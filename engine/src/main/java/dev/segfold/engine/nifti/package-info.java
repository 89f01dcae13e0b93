/**
 * NIfTI-1 reading and writing ({@code .nii} and {@code .nii.gz}), the image format of the Medical
 * Segmentation Decathlon and of nnU-Net.
 *
 * <p>{@link dev.segfold.engine.nifti.NiftiReader} turns a file into a
 * {@link dev.segfold.engine.nifti.NiftiImage}: the {@link dev.segfold.engine.nifti.NiftiHeader}
 * (datatype, scaling, qform and sform) and one {@link dev.segfold.engine.image.Volume} per channel
 * with the intensity scaling already applied. {@link dev.segfold.engine.nifti.NiftiWriter} writes
 * one back; factories such as {@link dev.segfold.engine.nifti.NiftiImage#labelsLike}
 * copy a reference image's geometry so that a prediction overlays its image in any viewer.
 */
package dev.segfold.engine.nifti;
