package dev.segfold.predictor.messaging;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.predictor.service.EnsembleCoordinator;
import dev.segfold.predictor.service.EnsembleOutcome;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code FoldEvaluated} from {@code segfold.evaluations}. A record that is not a valid
 * {@code FoldEvaluated} fails here and goes to the predictor's dead-letter topic; everything after
 * parsing reports its own failures as run status and never blocks the topic.
 */
@ApplicationScoped
public class EvaluationsConsumer {
    private static final Logger LOG = Logger.getLogger(EvaluationsConsumer.class);

    private final EnsembleCoordinator coordinator;
    private final MeterRegistry meters;

    public EvaluationsConsumer(EnsembleCoordinator coordinator, MeterRegistry meters) {
        this.coordinator = coordinator;
        this.meters = meters;
    }

    /** One record; blocking on a pool of its own, since an ensemble takes minutes. */
    @Incoming("evaluations")
    @Blocking(value = "ensemble-pool", ordered = false)
    public void onEvaluation(String payload) {
        FoldEvaluated evaluated = parse(payload);
        Timer.Sample sample = Timer.start(meters);
        EnsembleOutcome outcome = coordinator.onFoldEvaluated(evaluated);
        // segfold_predictor_evaluations_total{outcome}: each FoldEvaluated and what it led to;
        // segfold_predictor_ensembles_total and segfold_predictor_ensemble_seconds: ensembles built
        meters.counter("segfold.predictor.evaluations", "outcome",
                outcome.state().name().toLowerCase(java.util.Locale.ROOT)).increment();
        if (outcome.state() == EnsembleOutcome.State.PREDICTED) {
            meters.counter("segfold.predictor.ensembles").increment();
            sample.stop(Timer.builder("segfold.predictor.ensemble")
                    .description("test-set ensemble of a run's folds, from the last FoldEvaluated to EnsemblePredicted")
                    .register(meters));
        }
        LOG.infof("%s fold %d: %s", evaluated.runId(), evaluated.fold().fold(), outcome);
    }

    /**
     * @throws IllegalArgumentException for anything but a valid {@code FoldEvaluated}
     */
    static FoldEvaluated parse(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new IllegalArgumentException(Topics.EVALUATIONS + " record has no value");
        }
        SegfoldEvent event = ContractJson.readEvent(payload.getBytes(StandardCharsets.UTF_8));
        if (event instanceof FoldEvaluated evaluated) {
            return evaluated;
        }
        throw new IllegalArgumentException(Topics.EVALUATIONS + " carries " + FoldEvaluated.TYPE + " only, got "
                + event.type().ceType());
    }
}
