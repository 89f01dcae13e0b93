package dev.segfold.predictor.service;

import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.postprocess.LabelGroup;
import dev.segfold.engine.postprocess.PostprocessingResult;
import dev.segfold.engine.workflow.CaseSegmenter;
import dev.segfold.engine.workflow.CrossValidationConsolidation;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.ExperimentLayout;
import dev.segfold.engine.workflow.FoldValidation;
import dev.segfold.engine.workflow.LowresEnsemble;
import dev.segfold.engine.workflow.TestSetPrediction;
import dev.segfold.predictor.config.PredictorConfig;
import dev.segfold.service.checkpoint.StoredCheckpoint;
import dev.segfold.service.checkpoint.StoredCheckpoints;
import dev.segfold.service.run.EngineSettings;
import dev.segfold.service.run.RunDescription;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.workspace.LocalFolders;
import dev.segfold.service.workspace.RunWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a run's ensemble with the engine: downloads every fold's validation predictions and
 * chooses the postprocessing on them pooled ({@link CrossValidationConsolidation}), downloads every
 * fold's final checkpoint (sizes and SHA-256 checked), predicts the data set's test cases with the
 * softmax average of the folds ({@link TestSetPrediction}) and uploads
 * {@code <run>/ensemble/<case>.nii.gz}, {@code postprocessing.json} and {@code summary.json}.
 * A {@code 3d_cascade_fullres} run ensembles its second-stage folds on the output of a
 * {@link LowresEnsemble} of every first-stage fold's final checkpoint.
 * Writing the completion marker is the caller's job.
 */
@ApplicationScoped
public class EnsembleBuilder {
    /** Object names inside {@code <run>/ensemble/} besides the cases. */
    public static final String POSTPROCESSING = FoldValidation.POSTPROCESSING;
    public static final String SUMMARY = FoldValidation.SUMMARY;

    private final ObjectStore store;
    private final RunWorkspaces workspaces;
    private final StoredCheckpoints checkpoints;
    private final PredictorConfig config;

    public EnsembleBuilder(ObjectStore store, RunWorkspaces workspaces, StoredCheckpoints checkpoints,
            PredictorConfig config) {
        this.store = store;
        this.workspaces = workspaces;
        this.checkpoints = checkpoints;
        this.config = config;
    }

    /**
     * @param finals every expected fold's final checkpoint
     * @return the marker describing what was stored (not yet written)
     */
    public EnsembleMarker build(RunDescription run, Map<Integer, StoredCheckpoint> finals) throws IOException {
        Configuration configuration = Configuration.fromId(run.configuration());
        ExperimentContext ctx = workspaces.experiment(run.runId(), run.dataset());
        ExperimentLayout local = ctx.layout();
        RunLayout keys = RunLayout.of(run.runId());
        String bucket = store.buckets().runs();

        Map<Integer, Path> validationFolders = new TreeMap<>();
        Map<Integer, List<String>> foldCases = new TreeMap<>();
        List<Path> checkpointDirs = new ArrayList<>();
        List<EnsembleMarker.FoldCheckpoint> used = new ArrayList<>();
        List<Integer> folds = EnsembleReadiness.ensembledFolds(run);
        for (int fold : folds) {
            List<String> cases = ctx.split().fold(fold).val();
            FoldLayout foldKeys = keys.fold(configuration.id(), fold);
            Path validation = LocalFolders.clean(local.validation(configuration, fold));
            for (String caseId : cases) {
                store.download(bucket, foldKeys.validationPrediction(caseId), validation.resolve(caseId + RunLayout.NIFTI));
            }
            validationFolders.put(fold, validation);
            foldCases.put(fold, cases);

            StoredCheckpoint checkpoint = finals.get(fold);
            if (checkpoint == null) {
                throw new IllegalStateException("fold " + fold + " of run " + run.runId() + " has no final checkpoint");
            }
            Path dir = LocalFolders.clean(
                    local.checkpoints(configuration, fold).resolve("iter_" + checkpoint.iteration()));
            checkpointDirs.add(checkpoints.download(checkpoint, dir));
            used.add(new EnsembleMarker.FoldCheckpoint(fold, checkpoint.iteration(),
                    StoredCheckpoints.sha256(checkpoint.manifest())));
        }

        // the ensembled stage is the run's last; its settings say how it predicts and postprocesses
        FoldSettings settings = run.settings(run.stages().size() - 1).orElse(null);
        CaseSegmenter.Settings inference = EngineSettings.inference(config.inference().settings(), settings);
        CaseSegmenter.Settings lowresInference = EngineSettings.inference(config.inference().settings(),
                run.settings(0).orElse(null));
        Path crossValidation = LocalFolders.clean(local.crossValidation(configuration));
        PostprocessingResult cv = CrossValidationConsolidation.run(ctx.dataset(), ctx.plans(), validationFolders,
                foldCases, crossValidation, settings == null || settings.postprocessing());

        List<CaseFiles> testCases = ctx.dataset().testCases();
        List<Path> written;
        if (EnsembleReadiness.isCascade(run)) {
            List<Path> lowresDirs = downloadFirstStage(run, ctx);
            try (LowresEnsemble lowres = new LowresEnsemble(ctx.plans(), ctx.preprocessing(Configuration.LOWRES_3D),
                    lowresDirs, lowresInference)) {
                written = TestSetPrediction.run(ctx.dataset(), ctx.plans(), configuration,
                        ctx.preprocessing(configuration), testCases, checkpointDirs, lowres, cv.plan(),
                        LocalFolders.clean(local.ensemble()), inference);
            }
        } else {
            written = TestSetPrediction.run(ctx.dataset(), ctx.plans(), configuration,
                    ctx.preprocessing(configuration), testCases, checkpointDirs, cv.plan(),
                    LocalFolders.clean(local.ensemble()), inference);
        }
        List<String> caseIds = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            String caseId = testCases.get(i).caseId();
            store.put(bucket, keys.ensemble(caseId), written.get(i));
            caseIds.add(caseId);
        }
        store.put(bucket, keys.ensemblePrefix() + POSTPROCESSING, crossValidation.resolve(POSTPROCESSING));
        store.put(bucket, keys.ensemblePrefix() + SUMMARY, crossValidation.resolve(SUMMARY));
        return new EnsembleMarker(run.runId(), configuration.id(), folds, used, caseIds,
                cv.plan().forWhichClasses().stream().map(LabelGroup::labels).toList(), Instant.now());
    }

    /**
     * Downloads the final checkpoint of every first-stage fold of a cascade (trained and imported),
     * sizes and SHA-256 checked, for the low-res ensemble that feeds the second stage.
     */
    private List<Path> downloadFirstStage(RunDescription run, ExperimentContext ctx) throws IOException {
        Configuration low = Configuration.LOWRES_3D;
        List<Path> dirs = new ArrayList<>();
        for (int fold : run.stage(0).expectedFolds()) {
            FoldLayout foldKeys = RunLayout.of(run.runId()).fold(low.id(), fold);
            StoredCheckpoint checkpoint = checkpoints.finalCheckpoint(foldKeys).orElseThrow(
                    () -> new IllegalStateException(low.id() + " fold " + fold + " of run " + run.runId()
                            + " has no final checkpoint under " + store.buckets().runs() + "/" + foldKeys.prefix()));
            Path dir = LocalFolders.clean(
                    ctx.layout().checkpoints(low, fold).resolve("iter_" + checkpoint.iteration()));
            dirs.add(checkpoints.download(checkpoint, dir));
        }
        return dirs;
    }
}
