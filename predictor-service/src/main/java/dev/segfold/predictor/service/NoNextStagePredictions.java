package dev.segfold.predictor.service;

import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.service.run.RunDescription;
import jakarta.enterprise.context.ApplicationScoped;

/** The placeholder {@link NextStagePlanner} until cascades are built: it does nothing and says so. */
@ApplicationScoped
public class NoNextStagePredictions implements NextStagePlanner {
    @Override
    public String onEarlierStageEvaluated(FoldEvaluated evaluated, RunDescription run) {
        return "fold " + evaluated.fold().fold() + " of " + evaluated.fold().configuration()
                + " belongs to an earlier stage than " + run.configuration()
                + "; next-stage predictions are not built yet";
    }
}
