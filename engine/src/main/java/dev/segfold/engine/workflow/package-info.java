/**
 * The engine's parts put together the way nnU-Net runs them: plan a data set, preprocess it once,
 * train a fold, validate it, consolidate postprocessing over folds and predict a test set with the
 * ensemble. The command line and the services both call these classes; each reads and writes only
 * local files.
 */
package dev.segfold.engine.workflow;
