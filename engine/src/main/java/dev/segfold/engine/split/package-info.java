/**
 * Cross-validation folds, made exactly as nnU-Net makes them: case ids sorted as strings, shuffled
 * by numpy's legacy {@code RandomState(12345)} (re-implemented in {@link
 * dev.segfold.engine.split.Mt19937}), cut into K consecutive chunks. Also the split file (nnU-Net's
 * {@code splits_final} as JSON) that a user may supply instead.
 */
package dev.segfold.engine.split;
