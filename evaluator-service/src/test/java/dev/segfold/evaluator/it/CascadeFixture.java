package dev.segfold.evaluator.it;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.devstack.DevStack;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.ensemble.LabelNpz;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.split.CrossValidationSplit;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.engine.training.TrainerOptions;
import dev.segfold.engine.training.TrainingListener;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.ExperimentLayout;
import dev.segfold.engine.workflow.ExperimentListener;
import dev.segfold.engine.workflow.FoldTraining;
import dev.segfold.engine.workflow.NextStagePrediction;
import dev.segfold.engine.workflow.PreviousStageMaps;
import dev.segfold.engine.workflow.StagePreprocessing;
import dev.segfold.service.workspace.RunWorkspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A cascade run as the evaluator finds it once a stage-1 fold has trained: a generated data set
 * planned with a forced low-res stage, run.json with both stages, and a tiny
 * {@code 3d_cascade_fullres} checkpoint trained locally with the engine on previous-stage maps made
 * from each case's stage-1 ground truth (the nonzero region's outside, -1, as background). The
 * maps are uploaded per case, as the predictor would, only when a test asks.
 */
final class CascadeFixture implements AutoCloseable {
    static final String DATASET = "SyntheticCascade";
    static final Configuration CASCADE = Configuration.CASCADE_FULLRES_3D;
    static final String LOWRES = Configuration.LOWRES_3D.id();
    static final int ITERATIONS = 2;

    final String runId = "cascade-" + UUID.randomUUID().toString().substring(0, 8);
    final Path root;
    final Path maps;
    final CrossValidationSplit split;
    final Path finalCheckpoint;
    private final S3Objects s3;

    CascadeFixture(DevStack stack) throws Exception {
        s3 = new S3Objects(stack);
        root = Files.createTempDirectory("evaluator-cascade-it");
        Path data = root.resolve("data");
        SyntheticDatasetGenerator.builder().trainingCases(5).optTestCases(0).optShape(16, 20, 16).optSeed(11)
                .optName(DATASET).build().generate(data);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                s3.upload("segfold-datasets", DatasetLayout.of(DATASET).prefix() + data.relativize(f), f);
            }
        }
        ExperimentLayout layout = new ExperimentLayout(root.resolve("run"));
        ExperimentContext context = ExperimentContext.open(MsdDataset.open(data), layout,
                PlanOverrides.NONE.withBaseNumFeatures(4).withBatchSize(2).withMaxNumPool(2)
                        .withPatchSize(16, 16, 16).withForcedLowres(new double[] {2, 2, 2}, null),
                ExperimentListener.SILENT);
        if (context.plans().numStages() != 2) {
            throw new IllegalStateException("the plan has no low-res stage: " + context.plans().numStages());
        }
        split = context.split();
        RunLayout run = RunLayout.of(runId);
        s3.upload("segfold-runs", run.plans(), layout.plansFile());
        s3.upload("segfold-runs", run.prefix() + RunWorkspaces.SPLITS_FILE, layout.splitsFile());
        s3.put("segfold-runs", run.runJson(), ContractJson.write(Map.of("runId", runId, "dataset", DATASET,
                "configuration", CASCADE.id(), "evaluateEveryCheckpoint", false, "stages", List.of(
                        Map.of("stage", 0, "configuration", LOWRES, "folds", List.of(0, 1)),
                        Map.of("stage", 1, "configuration", CASCADE.id(), "folds", List.of(0, 1))))));

        StagePreprocessing stage1 = context.preprocessing(CASCADE);
        maps = root.resolve("maps");
        for (String caseId : context.dataset().trainingCaseIds()) {
            LabelNpz.write(maps.resolve(NextStagePrediction.fileName(caseId)),
                    groundTruthMap(stage1.trainingCase(caseId).seg()));
        }
        Path folds = root.resolve("trained");
        finalCheckpoint = FoldTraining.run(context.plans(), CASCADE, stage1.trainingCases(split.fold(0).train()),
                PreviousStageMaps.folder(maps), folds,
                new FoldTraining.Settings(ITERATIONS, new TrainerOptions(ITERATIONS, ITERATIONS, 0), 5, 1),
                TrainingListener.NONE, () -> false).lastCheckpoint();
    }

    /** The stage-1 ground truth as a label map: -1 (outside the nonzero region) becomes background. */
    static Volume groundTruthMap(Volume seg) {
        Volume out = seg.copy();
        float[] v = out.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, v[i]);
        }
        return out;
    }

    /** The key the evaluator reads {@code caseId}'s map from. */
    String mapKey(String caseId) {
        return RunLayout.of(runId).nextStage(LOWRES, caseId, ".npz");
    }

    /** Uploads the maps of {@code caseIds} where the predictor writes them. */
    void uploadMaps(List<String> caseIds) throws Exception {
        for (String caseId : caseIds) {
            s3.upload("segfold-runs", mapKey(caseId), maps.resolve(NextStagePrediction.fileName(caseId)));
        }
    }

    /** The stage-1 checkpoint's manifest (contracts form) placed at {@code fold}. */
    CheckpointManifest manifest(int fold) throws Exception {
        var engine = CheckpointStore.readManifest(finalCheckpoint);
        List<ManifestFile> files = engine.files().stream()
                .map(f -> new ManifestFile(f.name(), f.size(), f.sha256())).toList();
        return new CheckpointManifest(CheckpointManifest.FORMAT_VERSION, runId, CASCADE.id(), 1, fold,
                engine.iteration(), engine.isFinal(), files, engine.configDigest(), Instant.now());
    }

    /** Uploads the checkpoint's files, then its manifest, at {@code fold}. */
    CheckpointLayout uploadCheckpoint(int fold) throws Exception {
        CheckpointManifest manifest = manifest(fold);
        CheckpointLayout layout = manifest.layout();
        for (ManifestFile file : manifest.files()) {
            s3.upload("segfold-runs", layout.file(file.name()), finalCheckpoint.resolve(file.name()));
        }
        s3.put("segfold-runs", layout.manifest(), ContractJson.write(manifest));
        return layout;
    }

    boolean exists(String bucket, String key) throws Exception {
        return s3.exists(bucket, key);
    }

    @Override
    public void close() throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
