/**
 * Resampling of volumes to a new voxel grid, numerically as nnU-Net v1 does it: skimage
 * {@code resize(mode='edge', anti_aliasing=False)} (a scipy spline sampled at source coordinate
 * {@code (i+0.5)*in/out-0.5}), label maps resized per label with order 1, and the separate-z rule
 * for anisotropic spacings.
 *
 * <p>Entry points: {@link dev.segfold.engine.resample.ResamplingPlan} decides the new shape and
 * whether an axis is resampled on its own; {@link dev.segfold.engine.resample.Resampler} applies a
 * plan to intensities or labels; {@link dev.segfold.engine.resample.VolumeResizer} and
 * {@link dev.segfold.engine.resample.LabelResizer} are the plain whole-volume resizes.
 */
package dev.segfold.engine.resample;
