package dev.segfold.config.messaging;

import dev.segfold.config.projection.RunProjection;
import dev.segfold.config.retry.FoldRetries;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds every record of {@code segfold.status} (incoming channel {@code status-projection}) into
 * the {@link RunProjection}, and tells {@link FoldRetries} of each new one. The channel reads from the earliest offset and commits nothing, so
 * every start replays the topic and rebuilds the projection.
 *
 * <p>A record that is not a Segfold CloudEvent is logged and skipped rather than sent to the
 * dead-letter topic: the projection only reads, nothing is lost by skipping, and a dead letter
 * would be sent again at every restart's replay.
 */
@ApplicationScoped
public class StatusProjectionConsumer {
    private static final Logger LOG = Logger.getLogger(StatusProjectionConsumer.class);

    private final RunProjection projection;
    private final FoldRetries retries;
    private final AtomicLong skipped = new AtomicLong();

    public StatusProjectionConsumer(RunProjection projection, FoldRetries retries) {
        this.projection = projection;
        this.retries = retries;
    }

    @Incoming("status-projection")
    public void onStatus(String value) {
        StatusEnvelope envelope;
        try {
            envelope = ContractJson.read(value, StatusEnvelope.class);
            if (projection.apply(envelope)) {
                retries.onEvent(envelope.event());
            }
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipped a record of segfold.status that is not a valid status event (%d so far): %s",
                    skipped.incrementAndGet(), e.getMessage());
        }
    }

    /** Records skipped since start. */
    public long skipped() {
        return skipped.get();
    }
}
