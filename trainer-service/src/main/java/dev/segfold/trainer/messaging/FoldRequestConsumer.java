package dev.segfold.trainer.messaging;

import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.trainer.service.FoldTrainingService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code segfold.fold-requests} as the consumer group {@code trainer-service}, one fold at
 * a time per instance, so N instances train N folds at once.
 *
 * <p>Why this shape: the Kafka connector polls on its own thread and pauses partitions while the
 * handler works, so an hour-long fold never misses a poll and causes no rebalance. The handler
 * runs on the worker pool {@value #POOL} (max-concurrency 4; {@code FoldTrainingService} trains
 * {@code segfold.trainer.folds-at-once} of them, one by default, the others wait), unordered so
 * the poll loop never waits on it, and the throttled commit strategy's unprocessed-record age limit
 * is switched off ({@code throttled.unprocessed-record-max-age.ms=0}), so a long fold is not
 * mistaken for a stuck consumer. The offset is committed only after the handler returned, so a
 * crash mid-fold re-delivers the request and the fold resumes from its newest checkpoint in the
 * bucket (at-least-once, made idempotent by storage).
 *
 * <p>A record that is not a valid request throws, is nacked and goes to the dead-letter topic
 * ({@code failure-strategy=dead-letter-queue}); training failures never throw, they become
 * {@code FoldFailed} events, so consumption always continues.
 */
@ApplicationScoped
public class FoldRequestConsumer {
    /** The worker pool folds train on; its max-concurrency bounds the requests one instance holds. */
    public static final String POOL = "fold-training";

    private static final Logger LOG = Logger.getLogger(FoldRequestConsumer.class);

    private final FoldTrainingService training;

    public FoldRequestConsumer(FoldTrainingService training) {
        this.training = training;
    }

    /** Trains the requested fold; throws only for a record that is not a valid request. */
    @Incoming("fold-requests")
    @Blocking(value = POOL, ordered = false)
    public void consume(String value) {
        FoldTrainingRequested request = FoldRequests.parse(value);
        LOG.infof("%s: training requested (%d iterations, data set %s, attempt %d)", request.key(),
                request.iterations(), request.dataset(), request.attempt());
        FoldTrainingService.Result result = training.train(request);
        LOG.infof("%s: %s", request.key(), result);
        if (result == FoldTrainingService.Result.STOPPED) {
            holdUntilExit(request.key());
        }
    }

    /**
     * A fold stopped for shutdown is not done: returning would acknowledge the request and commit
     * its offset, and nobody would finish the fold. Returning nothing keeps it uncommitted, so the
     * trainer that gets the partition next (or this one, restarted) reads it again and resumes the
     * fold from the checkpoint just uploaded. The JVM exits around this thread.
     */
    private static final java.util.concurrent.CountDownLatch JVM_EXIT = new java.util.concurrent.CountDownLatch(1);

    private static void holdUntilExit(String key) {
        LOG.infof("%s: not acknowledged, another trainer resumes it", key);
        while (true) {
            try {
                JVM_EXIT.await(); // never counted down: the process ends around it
            } catch (InterruptedException e) {
                // shutdown interrupts workers: still never acknowledge
            }
        }
    }
}
