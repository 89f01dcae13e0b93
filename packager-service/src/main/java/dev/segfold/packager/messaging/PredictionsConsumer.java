package dev.segfold.packager.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
    private final MeterRegistry meters;

    public PredictionsConsumer(RunPackager packager, MeterRegistry meters) {
        this.packager = packager;
        this.meters = meters;
    }

    @Incoming("predictions")
    @Blocking(value = "package-pool", ordered = false)
    public void onPrediction(String payload) {
        SegfoldEvent event = parse(payload);
        if (event instanceof EnsemblePredicted ensemble) {
            Timer.Sample sample = Timer.start(meters);
            RunPackager.Outcome outcome = packager.onEnsemble(ensemble);
            // segfold_packager_packages_total{outcome} and segfold_packager_package_seconds
            meters.counter("segfold.packager.packages", "outcome",
                    outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
            sample.stop(Timer.builder("segfold.packager.package").description("building a run's archives")
                    .register(meters));
            LOG.infof("run %s: %s", ensemble.runId(), outcome);
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
