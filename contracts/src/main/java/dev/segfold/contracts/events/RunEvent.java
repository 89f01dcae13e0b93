package dev.segfold.contracts.events;

import dev.segfold.contracts.topics.EventKeys;

/** An event about a whole run, keyed {@code runId}. */
public sealed interface RunEvent extends SegfoldEvent
        permits RunRequested, RunAccepted, RunFailed, EnsemblePredicted, SubmissionReady {

    @Override
    default String key() {
        return EventKeys.run(runId());
    }
}
