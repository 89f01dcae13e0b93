package dev.segfold.config.service;

import dev.segfold.config.config.ConfigServiceSettings;
import dev.segfold.config.service.RunRejectedException.Kind;
import dev.segfold.contracts.spec.NetworkOverrides;
import dev.segfold.contracts.spec.RunSpec;
import dev.segfold.contracts.spec.SpecDefaults;
import dev.segfold.contracts.spec.SpecProblem;
import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.plan.StagePlan;
import dev.segfold.engine.split.CrossValidationSplit;
import dev.segfold.engine.split.KFoldSplitter;
import dev.segfold.engine.workflow.ExperimentPlanning;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.workspace.RunWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Plans a run with the engine: downloads its data set once, fingerprints and plans it (nnU-Net's
 * plan step, with the request's network overrides) and makes nnU-Net's default 5-fold split.
 *
 * <p>A configuration that trains a low-res stage ({@code 3d_lowres}, or stage 0 of
 * {@code 3d_cascade_fullres}) needs two-stage plans. nnU-Net plans a low-res stage only for large
 * images; for smaller ones (Hippocampus, a generated data set) the planner is run again with a
 * low-res stage forced at {@code segfold.config.forced-lowres-factor} times the full-resolution
 * spacing, as nnU-Net v2's own integration test does for Hippocampus, so that a PaddleSeg cascade
 * config is accepted as it is. The run's plans record what was planned.
 */
@ApplicationScoped
public class RunPlanner {
    private static final Logger LOG = Logger.getLogger(RunPlanner.class);

    private final RunWorkspaces workspaces;
    private final ObjectStore store;
    private final ConfigServiceSettings settings;

    public RunPlanner(RunWorkspaces workspaces, ObjectStore store, ConfigServiceSettings settings) {
        this.workspaces = workspaces;
        this.store = store;
        this.settings = settings;
    }

    /**
     * What planning produced.
     *
     * @param plans         the experiment plans
     * @param split         nnU-Net's default 5-fold split of the training cases
     * @param forcedLowres  whether a low-res stage was forced (see the class comment)
     * @param trainingCases number of training cases
     */
    public record PlannedRun(Plans plans, CrossValidationSplit split, boolean forcedLowres, int trainingCases) {}

    /** Whether {@code segfold-datasets/<dataset>/dataset.json} exists. */
    public boolean datasetExists(String dataset) {
        return store.exists(store.buckets().datasets(), DatasetLayout.of(dataset).datasetJson());
    }

    /**
     * Plans {@code spec}.
     *
     * @throws RunRejectedException naming {@code dataset} when the data set cannot be read or split,
     *                              the network fields when the overrides cannot be planned, and
     *                              {@code configuration} when no stage for it can be planned
     */
    public PlannedRun plan(RunSpec spec) {
        return plan(open(spec.dataset()), spec, settings.forcedLowresFactor());
    }

    /**
     * Plans {@code spec} on an opened data set (what {@link #plan(RunSpec)} does once the data set
     * is here): the request's network and batch overrides go into the plans, which is how they reach
     * every fold.
     *
     * @param forcedLowresFactor low-res spacing relative to full resolution when one must be forced
     */
    public static PlannedRun plan(MsdDataset dataset, RunSpec spec, double forcedLowresFactor) {
        int cases = dataset.trainingCaseIds().size();
        if (cases < SpecDefaults.FOLD_COUNT) {
            throw RunRejectedException.of(Kind.INVALID_REQUEST, "dataset", "data set '" + spec.dataset() + "' has "
                    + cases + " training cases; a " + SpecDefaults.FOLD_COUNT + "-fold cross-validation needs at least "
                    + SpecDefaults.FOLD_COUNT);
        }
        Configuration trained = Configuration.fromId(spec.stage0Configuration().id());
        Configuration produced = Configuration.fromId(spec.configuration().id());
        boolean lowres = trained == Configuration.LOWRES_3D || produced == Configuration.CASCADE_FULLRES_3D;
        NetworkOverrides network = spec.network();
        PlanOverrides base = base(spec);
        int[] patch = network.patch() == null ? null : network.patch().stream().mapToInt(Integer::intValue).toArray();

        Plans plans = plan(dataset, lowres || patch == null ? base : base.withPatchSize(patch));
        boolean forced = false;
        if (lowres && (plans.numStages() < 2 || patch != null)) {
            // Forced at the planned low-res spacing, or at factor times the full-resolution one.
            forced = plans.numStages() < 2;
            StagePlan reference = plans.stage(0);
            double factor = forced ? forcedLowresFactor : 1.0;
            double[] spacing = dataOrder(plans, reference.currentSpacing(), factor);
            LOG.infof("planning %s again with a low-res stage at %s mm (%s)", spec.dataset(),
                    Arrays.toString(spacing), forced ? "none was planned" : "patch override");
            plans = plan(dataset, base.withForcedLowres(spacing, patch));
            if (plans.numStages() < 2) {
                throw RunRejectedException.of(Kind.INVALID_REQUEST, "configuration", spec.configuration().id()
                        + " needs a low-res stage, and none could be planned for data set '" + spec.dataset() + "'");
            }
        }
        CrossValidationSplit split = KFoldSplitter.split(dataset.trainingCaseIds(), SpecDefaults.FOLD_COUNT);
        return new PlannedRun(plans, split, forced, cases);
    }

    private static PlanOverrides base(RunSpec spec) {
        PlanOverrides o = PlanOverrides.NONE;
        NetworkOverrides n = spec.network();
        if (n.baseFeatures() != null) {
            o = o.withBaseNumFeatures(n.baseFeatures());
        }
        if (n.maxPools() != null) {
            o = o.withMaxNumPool(n.maxPools());
        }
        if (spec.batchSize() != null) {
            o = o.withBatchSize(spec.batchSize());
        }
        return o;
    }

    private MsdDataset open(String name) {
        try {
            return workspaces.dataset(name);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new RunRejectedException(Kind.INVALID_REQUEST, List.of(new SpecProblem(
                    "dataset", "data set '" + name + "' cannot be read: " + e.getMessage())), null, e);
        }
    }

    private static Plans plan(MsdDataset dataset, PlanOverrides overrides) {
        try {
            return ExperimentPlanning.plan(dataset, overrides);
        } catch (IOException | UncheckedIOException e) {
            throw new RunRejectedException(Kind.INVALID_REQUEST, List.of(new SpecProblem(
                    "dataset", "a case of the data set cannot be read: " + e.getMessage())), null, e);
        } catch (IllegalArgumentException e) {
            throw new RunRejectedException(Kind.INVALID_REQUEST, List.of(new SpecProblem(
                    "network", "the data set cannot be planned with these settings: " + e.getMessage())), null, e);
        }
    }

    /** A stage spacing (transposed axis order) in the data's own axis order, scaled. */
    private static double[] dataOrder(Plans plans, double[] transposed, double factor) {
        int[] backward = plans.transposeBackward();
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = transposed[backward[i]] * factor;
        }
        return out;
    }
}
