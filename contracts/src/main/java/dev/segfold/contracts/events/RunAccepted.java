package dev.segfold.contracts.events;

import dev.segfold.contracts.spec.FoldSettings;
import java.time.Instant;
import java.util.List;

/**
 * A validated run: its stages, folds and the stored request and plans.
 *
 * @param runId         the run
 * @param dataset       the data set
 * @param stages        the configuration of each cascade stage in order, e.g.
 *                      {@code [3d_lowres, 3d_cascade_fullres]} or {@code [3d_fullres]}
 * @param folds         folds trained here
 * @param importedFolds folds expected from outside
 * @param iterations    training iterations per fold
 * @param runJsonKey    key of {@code run.json} in the runs bucket
 * @param plansKey      key of {@code plans.json} in the runs bucket
 * @param time          when it was accepted
 * @param stagePlans    every stage's folds and iterations (run.json {@code stages}), so a status reader
 *                      knows the later stages' folds before they are requested; empty in events
 *                      written before this field existed
 * @param submittedBy   who submitted the run: the subject of the bearer token of its {@code POST /runs}
 *                      (an identity, never a credential); null in events written before this field existed
 */
public record RunAccepted(String runId, String dataset, List<String> stages, List<Integer> folds,
                          List<Integer> importedFolds, int iterations, String runJsonKey, String plansKey,
                          Instant time, List<StagePlan> stagePlans, String submittedBy) implements RunEvent {

    /**
     * One stage as planned.
     *
     * @param stage         0 first
     * @param configuration what the stage trains
     * @param folds         folds trained here
     * @param importedFolds folds expected from outside
     * @param iterations    training iterations per fold
     * @param settings      what each fold of the stage trains with (precision decided); null in
     *                      events written before this field existed
     */
    public record StagePlan(int stage, String configuration, List<Integer> folds, List<Integer> importedFolds,
                            int iterations, FoldSettings settings) {
        /** Validates the stage, names, folds and count. */
        public StagePlan {
            Require.notNegative("RunAccepted.StagePlan", "stage", stage);
            Require.segment("RunAccepted.StagePlan", "configuration", configuration);
            folds = Require.folds("RunAccepted.StagePlan", "folds", folds == null ? List.of() : folds);
            importedFolds = Require.folds("RunAccepted.StagePlan", "importedFolds",
                    importedFolds == null ? List.of() : importedFolds);
            if (settings == null || !settings.budgeted()) {
                Require.positive("RunAccepted.StagePlan", "iterations", iterations);
            }
            if (settings != null && settings.iterations() != iterations) {
                throw new IllegalArgumentException("RunAccepted.StagePlan.settings.iterations " + settings.iterations()
                        + " differs from iterations " + iterations);
            }
        }

        /** Without settings (the form before they were added). */
        public StagePlan(int stage, String configuration, List<Integer> folds, List<Integer> importedFolds,
                         int iterations) {
            this(stage, configuration, folds, importedFolds, iterations, null);
        }
    }

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.run.accepted";

    /** Validates names, folds, counts and keys. */
    public RunAccepted {
        Require.segment("RunAccepted", "runId", runId);
        Require.segment("RunAccepted", "dataset", dataset);
        stages = Require.segments("RunAccepted", "stages", stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("RunAccepted.stages is empty");
        }
        folds = Require.folds("RunAccepted", "folds", folds);
        importedFolds = Require.folds("RunAccepted", "importedFolds", importedFolds == null ? List.of() : importedFolds);
        Require.notNegative("RunAccepted", "iterations", iterations); // 0: fitted to a time budget
        Require.key("RunAccepted", "runJsonKey", runJsonKey);
        Require.key("RunAccepted", "plansKey", plansKey);
        Require.present("RunAccepted", "time", time);
        stagePlans = List.copyOf(stagePlans == null ? List.of() : stagePlans);
        if (!stagePlans.isEmpty() && stagePlans.size() != stages.size()) {
            throw new IllegalArgumentException("RunAccepted.stagePlans has " + stagePlans.size()
                    + " stages, stages has " + stages.size());
        }
        for (int i = 0; i < stagePlans.size(); i++) {
            if (stagePlans.get(i).stage() != i || !stagePlans.get(i).configuration().equals(stages.get(i))) {
                throw new IllegalArgumentException("RunAccepted.stagePlans[" + i + "] is stage "
                        + stagePlans.get(i).stage() + " " + stagePlans.get(i).configuration()
                        + ", expected stage " + i + " " + stages.get(i));
            }
        }
    }

    /** Without the submitter (the form before it was recorded). */
    public RunAccepted(String runId, String dataset, List<String> stages, List<Integer> folds,
                       List<Integer> importedFolds, int iterations, String runJsonKey, String plansKey, Instant time,
                       List<StagePlan> stagePlans) {
        this(runId, dataset, stages, folds, importedFolds, iterations, runJsonKey, plansKey, time, stagePlans, null);
    }

    /** Without stage plans (the form before they were added). */
    public RunAccepted(String runId, String dataset, List<String> stages, List<Integer> folds,
                       List<Integer> importedFolds, int iterations, String runJsonKey, String plansKey, Instant time) {
        this(runId, dataset, stages, folds, importedFolds, iterations, runJsonKey, plansKey, time, List.of(), null);
    }

    /** The plan of stage {@code stage}, if this event carries it. */
    public java.util.Optional<StagePlan> stagePlan(int stage) {
        return stage >= 0 && stage < stagePlans.size() ? java.util.Optional.of(stagePlans.get(stage))
                : java.util.Optional.empty();
    }

    /** Every fold the run expects a result for: trained and imported. */
    public List<Integer> expectedFolds() {
        return java.util.stream.Stream.concat(folds.stream(), importedFolds.stream()).sorted().toList();
    }

    @Override
    public EventType type() {
        return EventType.RUN_ACCEPTED;
    }
}
