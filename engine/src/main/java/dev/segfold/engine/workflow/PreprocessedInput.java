package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.LoadedCase;
import dev.segfold.engine.preprocess.PreprocessedCase;

/**
 * A case ready for inference together with what it was made from: the raw image's header, so the
 * prediction is written in the input's geometry.
 */
public record PreprocessedInput(PreprocessedCase preprocessed, LoadedCase loaded) {}
