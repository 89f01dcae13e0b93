/**
 * nnU-Net's only postprocessing: keep the largest connected component of a class or of all
 * foreground ({@link dev.segfold.engine.postprocess.KeepLargestComponent}), chosen on validation
 * cases by {@link dev.segfold.engine.postprocess.PostprocessingDecision} and stored as
 * postprocessing.json ({@link dev.segfold.engine.postprocess.PostprocessingJson}) for test time.
 */
package dev.segfold.engine.postprocess;
