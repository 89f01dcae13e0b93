package dev.segfold.evaluator.service;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.events.ClassDice;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.split.FoldSplit;
import dev.segfold.engine.workflow.CaseSegmenter;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.FoldValidation;
import dev.segfold.engine.workflow.PreviousStageMaps;
import dev.segfold.evaluator.config.EvaluatorConfig;
import dev.segfold.service.run.EngineSettings;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.storage.ObjectStoreException;
import dev.segfold.service.workspace.RunWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the engine's validation of one fold: the run's plans and split (never planned anew), the
 * fold's validation cases, the checkpoint folder, and for a cascade's second stage
 * ({@code 3d_cascade_fullres}) the first stage's maps of those cases ({@link PreviousStageFetch});
 * reports Dice per class by the data set's names.
 */
@ApplicationScoped
public class FoldValidator {
    /** Sub-folder of the evaluation's work folder holding a cascade fold's previous-stage maps. */
    static final String PREVIOUS_STAGE_FOLDER = "previous_stage";

    private final ObjectStore store;
    private final RunWorkspaces workspaces;
    private final EvaluatorConfig config;

    public FoldValidator(ObjectStore store, RunWorkspaces workspaces, EvaluatorConfig config) {
        this.store = store;
        this.workspaces = workspaces;
        this.config = config;
    }

    /**
     * What validating produced.
     *
     * @param result the engine's result (summary, postprocessing choice, folder with predictions)
     * @param dice   Dice per foreground class
     */
    public record Validated(FoldValidation.Result result, List<ClassDice> dice) {
    }

    /**
     * Validates {@code checkpointDir} on the fold's validation cases, writing into {@code out}.
     *
     * @param settings the fold's settings (precision of inference, whether postprocessing is chosen);
     *                 null for fp32 with postprocessing, as before settings were recorded
     */
    public Validated validate(FoldId fold, String dataset, CheckpointManifest manifest, Path checkpointDir, Path out,
            FoldSettings settings) throws EvaluationFailure {
        String where = manifest.layout().manifest() + ": ";
        Configuration configuration;
        try {
            configuration = Configuration.fromId(manifest.configuration());
        } catch (IllegalArgumentException e) {
            throw new EvaluationFailure(fold, where + "CheckpointManifest.configuration: " + e.getMessage(), false);
        }
        ExperimentContext context;
        try {
            context = workspaces.experiment(manifest.runId(), dataset);
        } catch (ObjectStoreException e) {
            throw new EvaluationFailure(fold, "run " + manifest.runId() + " or data set " + dataset
                    + " could not be fetched: " + e.getMessage(), true);
        } catch (IOException | RuntimeException e) {
            throw new EvaluationFailure(fold, "run " + manifest.runId() + " on data set " + dataset
                    + " could not be opened: " + describe(e), false);
        }
        FoldSplit split;
        try {
            split = context.split().fold(manifest.fold());
        } catch (RuntimeException e) {
            throw new EvaluationFailure(fold, RunWorkspaces.SPLITS_FILE + " of run " + manifest.runId() + ": "
                    + describe(e), false);
        }
        if (split.val().isEmpty()) {
            throw new EvaluationFailure(fold, RunWorkspaces.SPLITS_FILE + " of run " + manifest.runId()
                    + " lists no validation cases for fold " + manifest.fold(), false);
        }
        PreviousStageMaps previousStage = null;
        if (configuration == Configuration.CASCADE_FULLRES_3D) {
            previousStage = PreviousStageFetch.download(store, fold, split.val(),
                    out.resolveSibling(PREVIOUS_STAGE_FOLDER));
        }
        FoldValidation.Result result;
        try {
            CaseSegmenter.Settings inference = EngineSettings.inference(config.inference().settings(), settings);
            result = FoldValidation.run(context.dataset(), context.plans(), configuration,
                    context.preprocessing(configuration), split.val(), previousStage, checkpointDir, out,
                    inference, settings == null || settings.postprocessing());
        } catch (IOException | RuntimeException e) {
            throw new EvaluationFailure(fold, "validating " + split.val().size() + " cases with checkpoint "
                    + manifest.layout().prefix() + " failed: " + describe(e), false);
        }
        try {
            return new Validated(result, DiceReport.of(result.summary(), context.dataset().descriptor().labels()));
        } catch (IllegalArgumentException e) {
            throw new EvaluationFailure(fold, e.getMessage(), false);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
