/**
 * Whole-case prediction with a patch-trained network: {@link dev.segfold.engine.inference.SlidingWindowPredictor}
 * tiles a preprocessed case, blends the tiles with a Gaussian weight and averages mirror flips,
 * all as nnU-Net v1 does; the network itself is behind {@link dev.segfold.engine.inference.PatchPredictor}.
 */
package dev.segfold.engine.inference;
