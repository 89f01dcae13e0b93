package dev.segfold.config.projection;

import dev.segfold.contracts.events.ClassDice;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FailurePhase;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.FoldPreprocessed;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.storage.RunLayout;
import java.time.Instant;
import java.util.List;

/** The mutable state of one fold inside {@link ProjectedRun}; guarded by the projection's lock. */
final class ProjectedFold {
    final int stage;
    final int fold;
    String configuration;
    boolean imported;
    FoldState state;
    Integer iteration;
    Integer totalIterations;
    Double trainLoss;
    Double validationLoss;
    Double pseudoDice;
    Double pseudoDiceEma;
    List<Double> pseudoDicePerClass;
    Integer validatedAt;
    Double learningRate;
    Double etaSeconds;
    Double secondsPerIteration;
    Double samplesPerSecond;
    Instant eta;
    Double meanDice;
    List<ClassDice> dice;
    Integer evaluatedIteration;
    String checkpointKey;
    Integer checkpointIteration;
    Boolean finalCheckpoint;
    String summaryKey;
    String postprocessingKey;
    String nextStagePrefix;
    String failure;
    boolean retryableFailure;
    FailurePhase failedPhase;
    /** The attempt the current failure belongs to. */
    int failedAttempt;
    /** The newest attempt requested. */
    int attempt = 1;
    Instant updatedAt;
    String cacheKey;
    Boolean cacheHit;

    ProjectedFold(int stage, int fold, String configuration, FoldState initial) {
        this.stage = stage;
        this.fold = fold;
        this.configuration = configuration;
        this.state = initial;
    }

    /** Moves to {@code next} unless the fold is already past it; a retryable failure can be left. */
    private void advance(FoldState next) {
        boolean revivable = state == FoldState.FAILED && retryableFailure;
        if (state.terminal() && !revivable) {
            return;
        }
        if (next.ordinal() >= state.ordinal() || revivable || next == FoldState.FAILED || next == FoldState.CANCELLED) {
            state = next;
        }
    }

    /**
     * A {@code FoldTrainingRequested}. A later attempt than the one that failed restarts a failed
     * fold (an automatic retry, or {@code POST /runs/{id}/retry} after it failed for good).
     */
    void requested(FoldTrainingRequested r) {
        if (state == FoldState.FAILED && r.attempt() > failedAttempt) {
            state = FoldState.REQUESTED;
            failure = null;
            failedPhase = null;
            retryableFailure = false;
        }
        attempt = Math.max(attempt, r.attempt());
        advance(FoldState.REQUESTED);
    }

    void progress(FoldProgress p) {
        iteration = p.iteration();
        totalIterations = p.totalIterations();
        trainLoss = p.trainLoss();
        validationLoss = p.validationLoss() != null ? p.validationLoss() : validationLoss;
        if (p.validatedAt() != null) {
            // the last validation's values belong together: an undefined Dice stays undefined
            pseudoDice = p.pseudoDice();
            pseudoDiceEma = p.pseudoDiceEma();
            pseudoDicePerClass = p.pseudoDicePerClass();
            validatedAt = p.validatedAt();
        } else {
            pseudoDice = p.pseudoDice() != null ? p.pseudoDice() : pseudoDice;
        }
        learningRate = p.learningRate();
        etaSeconds = p.etaSeconds();
        secondsPerIteration = p.secondsPerIteration() != null ? p.secondsPerIteration() : secondsPerIteration;
        samplesPerSecond = p.samplesPerSecond() != null ? p.samplesPerSecond() : samplesPerSecond;
        eta = p.etaSeconds() == null ? null : p.time().plusMillis(Math.round(p.etaSeconds() * 1000));
        if (state == FoldState.FAILED && retryableFailure) {
            failure = null;
        }
        // Progress after a checkpoint is still training; after the final checkpoint it is stale.
        if (state == FoldState.CHECKPOINTED) {
            state = FoldState.TRAINING;
        } else {
            advance(FoldState.TRAINING);
        }
    }

    /** The trainer has its preprocessed cases: it trains next, so the fold is training. */
    void preprocessed(FoldPreprocessed p) {
        cacheKey = p.cacheKey();
        cacheHit = p.cacheHit();
        if (state == FoldState.FAILED && retryableFailure) {
            failure = null;
        }
        advance(FoldState.TRAINING);
    }

    void checkpointed(FoldCheckpointed c) {
        if (checkpointIteration == null || c.iteration() >= checkpointIteration) {
            checkpointIteration = c.iteration();
            checkpointKey = c.manifestKey();
            finalCheckpoint = c.finalCheckpoint();
        }
        iteration = iteration == null ? c.iteration() : Math.max(iteration, c.iteration());
        advance(c.finalCheckpoint() ? FoldState.TRAINED : FoldState.CHECKPOINTED);
    }

    void evaluated(FoldEvaluated e) {
        if (evaluatedIteration != null && e.iteration() < evaluatedIteration) {
            return;
        }
        evaluatedIteration = e.iteration();
        dice = e.dice();
        meanDice = e.meanDice();
        summaryKey = e.summaryKey();
        postprocessingKey = e.postprocessingKey();
        if (checkpointKey == null) {
            checkpointKey = e.manifestKey();
        }
        boolean ofFinal = imported
                || (Boolean.TRUE.equals(finalCheckpoint) && e.iteration() >= checkpointIteration)
                || (totalIterations != null && e.iteration() >= totalIterations)
                || (totalIterations == null && checkpointIteration == null);
        if (ofFinal) {
            advance(FoldState.EVALUATED);
        }
    }

    void failed(FoldFailed f) {
        if (f.attempt() < attempt && f.phase() == FailurePhase.TRAINING) {
            return; // an earlier attempt's failure, delivered late: a newer attempt is under way
        }
        failure = f.phase() + ": " + f.reason();
        retryableFailure = f.retryable();
        failedPhase = f.phase();
        failedAttempt = f.attempt();
        attempt = Math.max(attempt, f.attempt());
        advance(FoldState.FAILED);
    }

    void cancelled(String reason) {
        if (!state.terminal()) {
            state = FoldState.CANCELLED;
            failure = reason;
        }
    }

    FoldView view() {
        return new FoldView(stage, configuration, fold, imported, state, iteration, totalIterations, trainLoss,
                validationLoss, pseudoDice, learningRate, etaSeconds, eta, secondsPerIteration, samplesPerSecond,
                meanDice, dice, evaluatedIteration,
                checkpointKey, finalCheckpoint, summaryKey, postprocessingKey, nextStagePrefix, failure, updatedAt,
                cacheKey, cacheHit, attempt, state == FoldState.FAILED ? failedPhase : null,
                state == FoldState.FAILED ? retryableFailure : null,
                pseudoDiceEma, pseudoDicePerClass, validatedAt);
    }

    /** A {@code NextStagePredicted} for this fold: its predictions for the next stage are stored. */
    void nextStagePredicted(String prefix) {
        nextStagePrefix = prefix;
        if (state != FoldState.CANCELLED) {
            state = FoldState.NEXT_STAGE_PREDICTED;
            failure = null;
        }
    }

    /**
     * What the run waits for from this fold, in words without the fold's name (the run groups
     * folds waiting for the same thing), or null.
     *
     * @param cascade    whether the run has a next stage that needs this stage's predictions
     * @param runsBucket the runs bucket, to name where an imported checkpoint goes
     * @param runId      the run
     */
    String waitingFor(boolean cascade, String runsBucket, String runId) {
        return switch (state) {
            case AWAITING_UPLOAD -> "checkpoint to be imported at " + runsBucket + "/"
                    + RunLayout.of(runId).fold(configuration, fold).prefix();
            case WAITING -> "training, requested once every stage-" + (stage - 1) + " fold's next-stage predictions"
                    + " are stored";
            case REQUESTED -> "a trainer";
            case TRAINING, CHECKPOINTED -> "training";
            case TRAINED -> "evaluation of the final checkpoint";
            case EVALUATED -> cascade && stage == 0 ? "next-stage predictions" : null;
            case NEXT_STAGE_PREDICTED, FAILED, CANCELLED -> null;
        };
    }
}
