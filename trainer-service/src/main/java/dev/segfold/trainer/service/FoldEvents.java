package dev.segfold.trainer.service;

import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldPreprocessed;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.events.PreprocessingSource;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.storage.CacheLayout;
import dev.segfold.engine.preprocess.CacheKey;
import dev.segfold.engine.workflow.PreprocessingReport;
import dev.segfold.engine.workflow.StagePreprocessing;
import java.time.Instant;
import java.util.Optional;
import dev.segfold.service.status.StatusPublisher;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The trainer's status events. Progress and the preprocessing report are sent without waiting (a
 * slow broker must not slow training; a lost report costs information, not work); checkpoints and
 * failures wait for the broker's acknowledgement, so the record is acknowledged only after they
 * were published.
 */
public final class FoldEvents {
    private static final Logger LOG = Logger.getLogger(FoldEvents.class);

    private final StatusPublisher publisher;
    private final Duration timeout;

    public FoldEvents(StatusPublisher publisher, Duration timeout) {
        this.publisher = publisher;
        this.timeout = timeout;
    }

    /** Sends a progress report without waiting. */
    public void progress(FoldProgress event) {
        try {
            publisher.publish(event).whenComplete((ok, e) -> {
                if (e != null) {
                    notPublished(event, e);
                }
            });
        } catch (RuntimeException e) {
            notPublished(event, e); // e.g. the emitter's buffer is full while the broker is away
        }
    }

    private static void notPublished(FoldProgress event, Throwable e) {
        LOG.warnf("progress of %s at iteration %d was not published: %s", event.key(), event.iteration(),
                e.getMessage());
    }

    /**
     * Says where the fold's preprocessed cases came from ({@code FoldPreprocessed}: cache key, hit or
     * miss, cases, seconds), after they were read; nothing when no shared cache was used.
     */
    public void preprocessed(FoldId fold, StagePreprocessing preprocessing) {
        Optional<FoldPreprocessed> event = preprocessedEvent(fold, preprocessing, Instant.now());
        if (event.isEmpty()) {
            return;
        }
        try {
            publisher.publish(event.get()).whenComplete((ok, e) -> {
                if (e != null) {
                    LOG.warnf("FoldPreprocessed of %s was not published: %s", fold.key(), e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("FoldPreprocessed of %s was not published: %s", fold.key(), e.getMessage());
        }
    }

    /** The event for a stage's cache report, if it has one. */
    static Optional<FoldPreprocessed> preprocessedEvent(FoldId fold, StagePreprocessing preprocessing, Instant time) {
        Optional<PreprocessingReport> report = preprocessing.report();
        if (report.isEmpty()) {
            return Optional.empty();
        }
        PreprocessingReport r = report.get();
        CacheKey key = preprocessing.cacheKey();
        String cacheKey = CacheLayout.of(key.datasetDigest(), key.plansDigest()).entryPrefix(key.configuration());
        PreprocessingSource source = PreprocessingSource.valueOf(r.source().name());
        return Optional.of(new FoldPreprocessed(fold, cacheKey, source.cacheHit(), source, r.cases(),
                preprocessing.computedCases(), r.bytes(), r.seconds(), r.note(), time));
    }

    /** Sends a checkpoint event and waits for the broker. */
    public void checkpointed(FoldCheckpointed event) {
        publishAndWait(event);
    }

    /** Sends a failure and waits for the broker. */
    public void failed(FoldFailed event) {
        publishAndWait(event);
    }

    private void publishAndWait(SegfoldEvent event) {
        try {
            publisher.publish(event).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(event.type() + " of " + event.key() + " interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(event.type() + " of " + event.key() + " was not published within "
                    + timeout + ": " + e.getMessage(), e);
        }
    }
}
