/**
 * Data augmentation of training patches, the nnU-Net "moreDA" pipeline of batchgenerators
 * transforms: one small {@link dev.segfold.engine.augment.Augmentation} per transform, composed
 * in nnU-Net's order by {@link dev.segfold.engine.augment.NnUNetAugmentation}.
 *
 * <p>Every augmentation draws its random numbers only from the
 * {@link java.util.SplittableRandom} it is handed, so a patch's augmentation is a pure function
 * of its input and that generator: the batch source relies on this for reproducible batches.
 */
package dev.segfold.engine.augment;
