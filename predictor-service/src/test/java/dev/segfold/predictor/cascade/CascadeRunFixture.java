package dev.segfold.predictor.cascade;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.engine.training.TrainerOptions;
import dev.segfold.engine.workflow.CaseSegmenter;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.ExperimentLayout;
import dev.segfold.engine.workflow.ExperimentListener;
import dev.segfold.engine.workflow.FoldTraining;
import dev.segfold.engine.workflow.FoldValidation;
import dev.segfold.engine.workflow.NextStagePrediction;
import dev.segfold.engine.workflow.PreviousStageMaps;
import dev.segfold.engine.workflow.StagePreprocessing;
import dev.segfold.service.testing.fixture.ObjectUploader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A two-stage cascade trained locally with the engine (tiny networks, a few iterations) on a
 * generated data set planned with a forced low-res stage, uploaded as the trainer and evaluator
 * leave it: all five {@code 3d_lowres} folds to their final checkpoint and, for the ensemble, the
 * {@code 3d_cascade_fullres} folds trained and validated on the low-res folds' next-stage maps
 * (made locally here, as the predictor makes them in storage).
 *
 * @param dataset       the local data set
 * @param datasetName   its name in the data-set bucket
 * @param experiment    the local experiment (plans, split, checkpoints, validation, maps)
 * @param lowresFolds   each low-res fold's final checkpoint directory
 * @param cascadeFolds  each cascade fold's final checkpoint directory
 */
record CascadeRunFixture(MsdDataset dataset, String datasetName, ExperimentLayout experiment,
                         Map<Integer, Path> lowresFolds, Map<Integer, Path> cascadeFolds) {
    static final Configuration LOW = Configuration.LOWRES_3D;
    static final Configuration CASCADE = Configuration.CASCADE_FULLRES_3D;
    static final CaseSegmenter.Settings INFERENCE = new CaseSegmenter.Settings(false, 0.5, 2);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param cascadeFolds the second-stage folds to train (their checkpoints and validation)
     */
    static CascadeRunFixture train(Path workDir, String datasetName, List<Integer> cascadeFolds, int iterations)
            throws IOException, InterruptedException {
        Path data = workDir.resolve(datasetName);
        SyntheticDatasetGenerator.builder().trainingCases(6).optTestCases(1).optShape(16, 20, 16)
                .optSeed(11).optName(datasetName).build().generate(data);
        MsdDataset dataset = MsdDataset.open(data);
        ExperimentLayout layout = new ExperimentLayout(workDir.resolve("experiment"));
        ExperimentContext ctx = ExperimentContext.open(dataset, layout, PlanOverrides.NONE.withBaseNumFeatures(4)
                .withMaxNumPool(2).withBatchSize(2).withPatchSize(16, 16, 16)
                .withForcedLowres(new double[] {2, 2, 2}, null), ExperimentListener.SILENT);
        if (ctx.plans().numStages() != 2) {
            throw new IllegalStateException("the fixture's plans have " + ctx.plans().numStages() + " stages, not 2");
        }
        FoldTraining.Settings settings = new FoldTraining.Settings(iterations,
                new TrainerOptions(1, Math.max(1, iterations / 2), 0), 123, 1);
        StagePreprocessing low = ctx.preprocessing(LOW);
        StagePreprocessing full = ctx.preprocessing(CASCADE);
        Map<Integer, Path> lowres = new LinkedHashMap<>();
        for (int fold = 0; fold < ctx.split().numFolds(); fold++) {
            Path checkpoint = FoldTraining.run(ctx.plans(), LOW, low.trainingCases(ctx.split().fold(fold).train()),
                    layout.checkpoints(LOW, fold), settings, p -> { }, () -> false).lastCheckpoint();
            lowres.put(fold, checkpoint);
        }
        Map<Integer, Path> cascade = new LinkedHashMap<>();
        if (!cascadeFolds.isEmpty()) {
            for (Map.Entry<Integer, Path> e : lowres.entrySet()) {
                NextStagePrediction.run(ctx.plans(), low, full, ctx.split().fold(e.getKey()).val(), e.getValue(),
                        layout.nextStage(LOW), INFERENCE);
            }
            PreviousStageMaps maps = PreviousStageMaps.folder(layout.nextStage(LOW));
            for (int fold : cascadeFolds) {
                Path checkpoint = FoldTraining.run(ctx.plans(), CASCADE,
                        full.trainingCases(ctx.split().fold(fold).train()), maps, layout.checkpoints(CASCADE, fold),
                        settings, p -> { }, () -> false).lastCheckpoint();
                FoldValidation.run(dataset, ctx.plans(), CASCADE, full, ctx.split().fold(fold).val(), maps, checkpoint,
                        layout.validation(CASCADE, fold), INFERENCE);
                cascade.put(fold, checkpoint);
            }
        }
        return new CascadeRunFixture(dataset, datasetName, layout, lowres, cascade);
    }

    /** The final iteration of a checkpoint directory {@code iter_<n>}. */
    static int iteration(Path checkpointDir) {
        return Integer.parseInt(checkpointDir.getFileName().toString().substring("iter_".length()));
    }

    /** Uploads the data set under {@code <datasetName>/} of the data-set bucket. */
    void uploadDataset(ObjectUploader uploader, String bucket) throws IOException {
        DatasetLayout layout = DatasetLayout.of(datasetName);
        for (Path file : files(dataset.root())) {
            uploader.put(bucket, layout.resolve(relative(dataset.root(), file)), file);
        }
    }

    /**
     * Uploads {@code run.json} (a {@code 3d_cascade_fullres} run with both stages), plans and split.
     *
     * @param lowresTrained stage 0's trained folds; the other low-res folds are listed as imported
     * @param cascadeFolds  stage 1's folds
     */
    void uploadRun(ObjectUploader uploader, String bucket, String runId, List<Integer> lowresTrained,
            List<Integer> lowresImported, List<Integer> cascadeFolds, int cascadeIterations) throws IOException {
        RunLayout run = RunLayout.of(runId);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runId", runId);
        json.put("dataset", datasetName);
        json.put("configuration", CASCADE.id());
        json.put("folds", cascadeFolds);
        json.put("importFolds", List.of());
        json.put("stages", List.of(
                Map.of("stage", 0, "configuration", LOW.id(), "folds", lowresTrained, "importFolds", lowresImported,
                        "iterations", 7, "settings", FoldSettings.of(7, 3, 2, 1, 99)),
                Map.of("stage", 1, "configuration", CASCADE.id(), "folds", cascadeFolds, "importFolds", List.of(),
                        "iterations", cascadeIterations, "settings", FoldSettings.of(cascadeIterations, 3, 2, 1, 99))));
        json.put("iterations", cascadeIterations);
        json.put("saveInterval", 3);
        json.put("logInterval", 2);
        json.put("seed", 99);
        Path tmp = Files.createTempDirectory(experiment.root().getParent(), "upload-");
        Path runFile = tmp.resolve("run.json");
        JSON.writeValue(runFile.toFile(), json);
        uploader.put(bucket, run.runJson(), runFile);
        uploader.put(bucket, run.plans(), experiment.plansFile());
        uploader.put(bucket, run.prefix() + "splits.json", experiment.splitsFile());
    }

    /** Uploads every checkpoint of a fold (files first, {@code checkpoint.json} last). */
    void uploadCheckpoints(ObjectUploader uploader, String bucket, String runId, Configuration configuration,
            int fold) throws IOException {
        FoldLayout foldLayout = RunLayout.of(runId).fold(configuration.id(), fold);
        try (Stream<Path> dirs = Files.list(experiment.checkpoints(configuration, fold))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("iter_")).sorted().toList()) {
                String prefix = foldLayout.prefix() + dir.getFileName() + "/";
                for (Path file : files(dir)) {
                    if (!file.getFileName().toString().equals(CheckpointLayout.MANIFEST)) {
                        uploader.put(bucket, prefix + relative(dir, file), file);
                    }
                }
                uploader.put(bucket, prefix + CheckpointLayout.MANIFEST, dir.resolve(CheckpointLayout.MANIFEST));
            }
        }
    }

    /** Uploads a cascade fold's {@code validation/} folder as the evaluator leaves it. */
    void uploadValidation(ObjectUploader uploader, String bucket, String runId, int fold) throws IOException {
        Path validation = experiment.validation(CASCADE, fold);
        String prefix = RunLayout.of(runId).fold(CASCADE.id(), fold).validationPrefix();
        for (Path file : files(validation)) {
            uploader.put(bucket, prefix + relative(validation, file), file);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
