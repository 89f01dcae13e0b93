package dev.segfold.contracts.events;

/** An event about one fold of one stage, keyed {@code runId/stage/fold}. */
public sealed interface FoldEvent extends SegfoldEvent
        permits FoldTrainingRequested, FoldPreprocessed, FoldProgress, FoldCheckpointed, FoldEvaluated, NextStagePredicted, FoldFailed {

    /** The fold. */
    FoldId fold();

    @Override
    default String runId() {
        return fold().runId();
    }

    @Override
    default String key() {
        return fold().key();
    }
}
