/**
 * Validation during training as nnU-Net v2 does it: after every epoch, the loss and the per-class
 * pseudo-Dice on validation patches ({@link dev.segfold.engine.training.validation.PseudoDice}),
 * their exponential moving average and the choice of the best checkpoint
 * ({@link dev.segfold.engine.training.validation.ValidationTracker}).
 */
package dev.segfold.engine.training.validation;
