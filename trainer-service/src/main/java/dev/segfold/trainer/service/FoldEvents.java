package dev.segfold.trainer.service;

import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.service.status.StatusPublisher;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The trainer's status events. Progress is sent without waiting (a slow broker must not slow
 * training; a lost progress report is replaced by the next one); checkpoints and failures wait for
 * the broker's acknowledgement, so the record is acknowledged only after they were published.
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
