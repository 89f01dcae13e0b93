package dev.segfold.engine.cli;

import dev.segfold.engine.plan.PlansJson;
import dev.segfold.engine.workflow.ExperimentContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Fingerprints the data set and writes plans.json and splits.json. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Fingerprint the data set and write plans.json and splits.json.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    ExperimentOptions experiment;

    @Mixin
    PlanOverrideOptions overrides;

    @Override
    public Integer call() throws Exception {
        ExperimentContext ctx = experiment.open(overrides.overrides());
        System.out.println(PlansJson.toJson(ctx.plans()));
        return 0;
    }
}
