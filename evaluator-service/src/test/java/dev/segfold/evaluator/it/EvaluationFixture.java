package dev.segfold.evaluator.it;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.devstack.DevStack;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.split.CrossValidationSplit;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.engine.training.TrainerOptions;
import dev.segfold.engine.training.TrainingListener;
import dev.segfold.engine.training.TrainingOutcome;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.ExperimentLayout;
import dev.segfold.engine.workflow.ExperimentListener;
import dev.segfold.engine.workflow.FoldTraining;
import dev.segfold.engine.workflow.StagePreprocessing;
import dev.segfold.service.workspace.RunWorkspaces;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.UploadObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What a user has before the evaluator sees a checkpoint: a generated data set in the data-set
 * bucket, a planned run (plans.json, splits.json, run.json) in the runs bucket, and a tiny checkpoint
 * trained locally with the engine. Uploads go through a plain minio-java client, the way a teammate
 * imports a fold trained elsewhere.
 */
final class EvaluationFixture implements AutoCloseable {
    static final String DATASET = "Synthetic";
    static final Configuration CONFIGURATION = Configuration.FULLRES_3D;
    static final int ITERATIONS = 6;
    static final int MID_ITERATION = 3;

    final String runId = "evalrun-" + UUID.randomUUID().toString().substring(0, 8);
    final MinioClient s3;
    final Path root;
    final CrossValidationSplit split;
    /** The final and the mid-run checkpoint folders, engine form. */
    final Path finalCheckpoint;
    final Path midCheckpoint;

    EvaluationFixture(DevStack stack) throws Exception {
        s3 = MinioClient.builder().endpoint(stack.s3Endpoint().toString())
                .credentials(stack.accessKey(), stack.secretKey()).region(stack.region()).build();
        root = Files.createTempDirectory("evaluator-it");
        Path data = root.resolve("data");
        SyntheticDatasetGenerator.builder().trainingCases(5).optTestCases(0).optShape(24, 32, 24).optSeed(11).optName(DATASET).build()
                .generate(data);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                upload("segfold-datasets", DatasetLayout.of(DATASET).prefix() + data.relativize(f), f);
            }
        }
        ExperimentLayout layout = new ExperimentLayout(root.resolve("run"));
        ExperimentContext context = ExperimentContext.open(MsdDataset.open(data), layout,
                PlanOverrides.NONE.withBaseNumFeatures(4).withBatchSize(2).withMaxNumPool(2), ExperimentListener.SILENT);
        split = context.split();
        RunLayout run = RunLayout.of(runId);
        upload("segfold-runs", run.plans(), layout.plansFile());
        upload("segfold-runs", run.prefix() + RunWorkspaces.SPLITS_FILE, layout.splitsFile());
        put("segfold-runs", run.runJson(), ContractJson.write(Map.of("runId", runId, "dataset", DATASET,
                "stages", List.of(CONFIGURATION.id()), "folds", List.of(0, 1, 2), "evaluateEveryCheckpoint", false)));

        StagePreprocessing preprocessing = context.preprocessing(CONFIGURATION);
        Path folds = root.resolve("trained");
        TrainingOutcome outcome = FoldTraining.run(context.plans(), CONFIGURATION,
                preprocessing.trainingCases(split.fold(0).train()), folds,
                new FoldTraining.Settings(ITERATIONS, new TrainerOptions(MID_ITERATION, MID_ITERATION, 0), 5, 1),
                TrainingListener.NONE, () -> false);
        finalCheckpoint = outcome.lastCheckpoint();
        midCheckpoint = new CheckpointStore(folds).directory(MID_ITERATION);
    }

    /** The object-store manifest (contracts form) of a local engine checkpoint, placed at {@code fold}. */
    CheckpointManifest manifest(Path checkpoint, int fold) throws Exception {
        var engine = CheckpointStore.readManifest(checkpoint);
        List<ManifestFile> files = engine.files().stream()
                .map(f -> new ManifestFile(f.name(), f.size(), f.sha256())).toList();
        return new CheckpointManifest(CheckpointManifest.FORMAT_VERSION, runId, CONFIGURATION.id(), 0, fold,
                engine.iteration(), engine.isFinal(), files, engine.configDigest(), Instant.now());
    }

    /**
     * Uploads a checkpoint's files, then its manifest, as any S3 client would.
     *
     * @param replace file name to content uploaded instead of the real file (to corrupt one)
     */
    CheckpointLayout uploadCheckpoint(Path checkpoint, int fold, Map<String, byte[]> replace) throws Exception {
        CheckpointManifest manifest = manifest(checkpoint, fold);
        CheckpointLayout layout = manifest.layout();
        for (ManifestFile file : manifest.files()) {
            if (replace.containsKey(file.name())) {
                put("segfold-runs", layout.file(file.name()), replace.get(file.name()));
            } else {
                upload("segfold-runs", layout.file(file.name()), checkpoint.resolve(file.name()));
            }
        }
        put("segfold-runs", layout.manifest(), ContractJson.write(manifest));
        return layout;
    }

    void upload(String bucket, String key, Path file) throws Exception {
        s3.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString()).build());
    }

    void put(String bucket, String key, byte[] content) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(content), content.length, -1).build());
    }

    byte[] get(String bucket, String key) throws Exception {
        try (var in = s3.getObject(io.minio.GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    boolean exists(String bucket, String key) throws Exception {
        try {
            s3.statObject(io.minio.StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (io.minio.errors.ErrorResponseException e) {
            return false;
        }
    }

    /** Removes the local data set and checkpoints. */
    @Override
    public void close() throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
