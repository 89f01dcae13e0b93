/**
 * Data augmentation of training patches, the nnU-Net v1 "moreDA" pipeline of batchgenerators
 * transforms: one small {@link dev.segfold.engine.augment.Augmentation} per transform, composed
 * in nnU-Net's order by {@link dev.segfold.engine.augment.NnUNetAugmentation}.
 *
 * <p>Every augmentation draws its random numbers only from the
 * {@link java.util.SplittableRandom} it is handed, so a patch's augmentation is a pure function
 * of its input and that generator: the batch source relies on this for reproducible batches.
 *
 * <p>Checked against scipy / skimage (ScipyPeerTest): cubic {@code map_coordinates} with constant
 * border, order-1-per-label segmentation interpolation, {@code resize} orders 0 and 3 with edge
 * mode and clipping, and {@code gaussian_filter}. Where Segfold differs from v1, on purpose:
 * <ul>
 *   <li>Segmentation voxels whose source lies outside the loader patch become -1 (the border value
 *       nnU-Net asks for); v1's {@code interpolate_img} turns them into 0 because every label's
 *       indicator is padded with -1. After the mask and -1 -&gt; 0 steps the batch is the same.
 *   <li>The cascade's morphology uses the integer-offset Euclidean ball of the drawn radius; skimage's
 *       {@code ball} of a fractional radius samples a slightly different grid.
 *   <li>The cascade's "remove random connected component" step is left out: in v1 it never removes
 *       anything.
 *   <li>Random numbers come from Java's SplittableRandom, not numpy, so individual draws differ;
 *       the distributions and probabilities are v1's.
 * </ul>
 */
package dev.segfold.engine.augment;
