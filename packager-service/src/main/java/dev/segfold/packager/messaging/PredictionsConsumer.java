package dev.segfold.packager.messaging;

import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.events.NextStagePredicted;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.packager.service.RunPackager;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code segfold.predictions}: {@code EnsemblePredicted} is packaged, {@code NextStagePredicted}
 * (the cascade's business) is passed over, anything else fails here and goes to the packager's
 * dead-letter topic.
 */
@ApplicationScoped
public class PredictionsConsumer {
    private static final Logger LOG = Logger.getLogger(PredictionsConsumer.class);

    private final RunPackager packager;

    public PredictionsConsumer(RunPackager packager) {
        this.packager = packager;
    }

    @Incoming("predictions")
    @Blocking(value = "package-pool", ordered = false)
    public void onPrediction(String payload) {
        SegfoldEvent event = parse(payload);
        if (event instanceof EnsemblePredicted ensemble) {
            LOG.infof("run %s: %s", ensemble.runId(), packager.onEnsemble(ensemble));
        }
    }

    /**
     * @throws IllegalArgumentException for anything but a valid prediction event
     */
    static SegfoldEvent parse(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new IllegalArgumentException(Topics.PREDICTIONS + " record has no value");
        }
        SegfoldEvent event = ContractJson.readEvent(payload.getBytes(StandardCharsets.UTF_8));
        if (event instanceof EnsemblePredicted || event instanceof NextStagePredicted) {
            return event;
        }
        throw new IllegalArgumentException(Topics.PREDICTIONS + " carries " + EnsemblePredicted.TYPE + " and "
                + NextStagePredicted.TYPE + " only, got " + event.type().ceType());
    }
}
