package dev.segfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.Endpoints;
import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.nifti.NiftiReader;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.training.TrainerOptions;
import dev.segfold.engine.training.TrainingListener;
import dev.segfold.engine.training.TrainingOutcome;
import dev.segfold.engine.training.checkpoint.CheckpointFile;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.ExperimentLayout;
import dev.segfold.engine.workflow.ExperimentListener;
import dev.segfold.engine.workflow.FoldTraining;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.UploadObjectArgs;
import io.minio.messages.Item;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What an end-to-end test does with the object store as a user would, with a plain S3 client:
 * upload a data set, train a fold "elsewhere" and drop its checkpoint into a run (files first,
 * manifest last), list and download results, check a submission's geometry.
 */
final class RunStorage {
    static final String RUNS = "segfold-runs";
    static final String DATASETS = "segfold-datasets";

    private final MinioClient s3;

    RunStorage(DevStack stack) {
        this(stack.endpoints());
    }

    RunStorage(Endpoints stack) {
        this.s3 = MinioClient.builder().endpoint(stack.s3Endpoint().toString())
                .credentials(stack.accessKey(), stack.secretKey()).region(stack.region()).build();
    }

    void uploadDataset(String name, Path folder) throws Exception {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                s3.uploadObject(UploadObjectArgs.builder().bucket(DATASETS)
                        .object(name + "/" + folder.relativize(f).toString().replace('\\', '/'))
                        .filename(f.toString()).build());
            }
        }
    }

    void download(String key, Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(RUNS).object(key).build())) {
            Files.copy(in, file);
        }
    }

    Path downloadTo(String key, Path file) throws Exception {
        s3.downloadObject(DownloadObjectArgs.builder().bucket(RUNS).object(key).filename(file.toString()).build());
        return file;
    }

    /** The object's content in the runs bucket, or null if there is none. */
    byte[] getOrNull(String key) throws Exception {
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(RUNS).object(key).build())) {
            return in.readAllBytes();
        } catch (io.minio.errors.ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return null;
            }
            throw e;
        }
    }

    /** Keys under {@code prefix} in the runs bucket, recursively. */
    List<String> list(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> r : s3.listObjects(ListObjectsArgs.builder().bucket(RUNS).prefix(prefix).recursive(true)
                .build())) {
            keys.add(r.get().objectName());
        }
        return keys;
    }

    /**
     * Trains {@code fold} of {@code configuration} "elsewhere" with the run's plans and split (a
     * teammate's machine), then uploads it under the run's layout as they would: files, then the
     * manifest whose bucket notification triggers the evaluation.
     */
    void trainElsewhereAndImport(String runId, Path data, Path work, Configuration configuration, int stage, int fold,
            int iterations) throws Exception {
        RunLayout run = RunLayout.of(runId);
        ExperimentLayout layout = new ExperimentLayout(work);
        Files.createDirectories(work);
        download(run.plans(), layout.plansFile());
        download(run.prefix() + "splits.json", layout.splitsFile());
        ExperimentContext ctx = ExperimentContext.open(MsdDataset.open(data), layout, null, ExperimentListener.SILENT);
        TrainingOutcome outcome = FoldTraining.run(ctx.plans(), configuration,
                ctx.preprocessing(configuration).trainingCases(ctx.split().fold(fold).train()),
                layout.checkpoints(configuration, fold),
                new FoldTraining.Settings(iterations, new TrainerOptions(5, iterations, 1), 7, 1),
                TrainingListener.NONE, () -> false);
        Path dir = outcome.lastCheckpoint();
        var engineManifest = CheckpointStore.readManifest(dir);
        String prefix = run.checkpoint(configuration.id(), fold, outcome.completedIterations()).prefix();
        List<ManifestFile> files = new ArrayList<>();
        for (CheckpointFile f : engineManifest.files()) {
            s3.uploadObject(UploadObjectArgs.builder().bucket(RUNS).object(prefix + f.name())
                    .filename(dir.resolve(f.name()).toString()).build());
            files.add(new ManifestFile(f.name(), f.size(), f.sha256()));
        }
        CheckpointManifest manifest = new CheckpointManifest(CheckpointManifest.FORMAT_VERSION, runId,
                configuration.id(), stage, fold, outcome.completedIterations(), true, files,
                engineManifest.configDigest(), Instant.now());
        Path json = work.resolve("checkpoint.json");
        Files.write(json, ContractJson.write(manifest));
        s3.uploadObject(UploadObjectArgs.builder().bucket(RUNS).object(prefix + "checkpoint.json")
                .filename(json.toString()).build());
    }

    /** submission.zip holds one NIfTI per test case with its input's shape and affine. */
    static void checkSubmission(Path zip, MsdDataset dataset) throws Exception {
        List<String> names = new ArrayList<>();
        Path unpacked = zip.resolveSibling("unpacked");
        Files.createDirectories(unpacked);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                Files.copy(in, unpacked.resolve(Path.of(e.getName()).getFileName()));
            }
        }
        assertEquals(dataset.testCases().size(), names.size(), "one NIfTI per test case: " + names);
        for (CaseFiles test : dataset.testCases()) {
            Path predicted = unpacked.resolve(test.caseId() + ".nii.gz");
            assertTrue(Files.isRegularFile(predicted), "submission has " + predicted.getFileName() + ": " + names);
            var input = NiftiReader.readHeader(test.images().get(0));
            var output = NiftiReader.readHeader(predicted);
            assertEquals(Arrays.toString(input.dim()), Arrays.toString(output.dim()), "shape of " + test.caseId());
            assertTrue(Arrays.deepEquals(input.affine(), output.affine()), "affine of " + test.caseId());
        }
    }
}
