package dev.segfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldEvent;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.events.SubmissionReady;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.DevStackConfig;
import dev.segfold.devstack.s3.NotificationFilter;
import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.nifti.NiftiReader;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
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
import io.minio.MinioClient;
import io.minio.UploadObjectArgs;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run through the whole system on a real Kafka broker and a real S3 server: POST /runs with
 * two folds to train and one to import; the imported fold's checkpoint is uploaded with a plain S3
 * client under the run's layout, files first and manifest last, as a teammate would; the status
 * events must show every fold trained (or imported), evaluated, then the ensemble and the package,
 * and submission.zip must hold one NIfTI per test case in its input's geometry.
 */
class PipelineEndToEndIT {
    static final String DATASET = "E2eShapes";
    static final int ITERATIONS = 10;

    @TempDir
    Path tmp;

    @Test
    void postToSubmissionWithAnImportedFold() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        DevStack stack = DevStack.start(DevStackConfig.forTests());
        try (stack; ServiceProcesses services = ServiceProcesses.start(repository, stack, tmp.resolve("services"))) {
            stack.setNotificationFilter("segfold-runs", NotificationFilter.suffix("checkpoint.json"));
            MinioClient s3 = MinioClient.builder().endpoint(stack.s3Endpoint().toString())
                    .credentials(stack.accessKey(), stack.secretKey()).region(stack.region()).build();
            Path data = tmp.resolve("data");
            SyntheticDatasetGenerator.builder().trainingCases(8).optTestCases(2).optShape(16, 20, 16).optSeed(3)
                    .build().generate(data);
            upload(s3, "segfold-datasets", DATASET + "/", data);

            String runId = submit(services.api());
            importFold(s3, runId, 2);

            List<SegfoldEvent> events = followUntilSubmission(stack.bootstrapServers(), runId, Duration.ofMinutes(12),
                    services);
            int ensemble = indexOf(events, e -> e instanceof EnsemblePredicted);
            int submission = indexOf(events, e -> e instanceof SubmissionReady);
            assertTrue(ensemble >= 0 && ensemble < submission, "ensemble before package: " + types(events));
            for (int fold : List.of(0, 1)) {
                int trained = indexOf(events, e -> e instanceof FoldCheckpointed c && c.fold().fold() == fold
                        && c.finalCheckpoint());
                int evaluated = indexOf(events, e -> e instanceof FoldEvaluated v && v.fold().fold() == fold);
                assertTrue(trained >= 0 && trained < evaluated && evaluated < ensemble,
                        "fold " + fold + " trained, then evaluated, then the ensemble: " + types(events));
            }
            int imported = indexOf(events, e -> e instanceof FoldEvaluated v && v.fold().fold() == 2);
            assertTrue(imported >= 0 && imported < ensemble, "the imported fold is evaluated before the ensemble");
            EnsemblePredicted ens = (EnsemblePredicted) events.get(ensemble);
            assertEquals(List.of(0, 1, 2), ens.folds().stream().sorted().toList(), "all three folds join the ensemble");

            Path zip = tmp.resolve("submission.zip");
            s3.downloadObject(DownloadObjectArgs.builder().bucket("segfold-runs")
                    .object(RunLayout.of(runId).submission()).filename(zip.toString()).build());
            checkSubmission(zip, MsdDataset.open(data));
        }
    }

    private static String submit(URI api) throws Exception {
        String body = """
                {"dataset": "%s", "folds": [0, 1], "importedFolds": [2], "iterations": %d, "saveInterval": 5,
                 "logInterval": 5, "batchSize": 2, "network": {"baseFeatures": 4, "maxPools": 2}}
                """.formatted(DATASET, ITERATIONS);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve("/runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Trains a fold "elsewhere" with the run's plans and split, then uploads it like a teammate would. */
    private void importFold(MinioClient s3, String runId, int fold) throws Exception {
        RunLayout run = RunLayout.of(runId);
        Path work = tmp.resolve("elsewhere");
        ExperimentLayout layout = new ExperimentLayout(work);
        Files.createDirectories(work);
        download(s3, run.plans(), layout.plansFile());
        download(s3, run.prefix() + "splits.json", layout.splitsFile());
        ExperimentContext ctx = ExperimentContext.open(MsdDataset.open(tmp.resolve("data")), layout, null,
                ExperimentListener.SILENT);
        Configuration cfg = Configuration.FULLRES_3D;
        TrainingOutcome outcome = FoldTraining.run(ctx.plans(), cfg,
                ctx.preprocessing(cfg).trainingCases(ctx.split().fold(fold).train()), layout.checkpoints(cfg, fold),
                new FoldTraining.Settings(ITERATIONS, new TrainerOptions(5, ITERATIONS, 1), 7, 1),
                TrainingListener.NONE, () -> false);
        Path dir = outcome.lastCheckpoint();
        var engineManifest = CheckpointStore.readManifest(dir);
        String prefix = run.checkpoint(cfg.id(), fold, outcome.completedIterations()).prefix();
        List<ManifestFile> files = new ArrayList<>();
        for (CheckpointFile f : engineManifest.files()) {
            s3.uploadObject(UploadObjectArgs.builder().bucket("segfold-runs").object(prefix + f.name())
                    .filename(dir.resolve(f.name()).toString()).build());
            files.add(new ManifestFile(f.name(), f.size(), f.sha256()));
        }
        CheckpointManifest manifest = new CheckpointManifest(CheckpointManifest.FORMAT_VERSION, runId, cfg.id(), 0, fold,
                outcome.completedIterations(), true, files, engineManifest.configDigest(), Instant.now());
        Path json = tmp.resolve("checkpoint.json");
        Files.write(json, ContractJson.write(manifest));
        s3.uploadObject(UploadObjectArgs.builder().bucket("segfold-runs").object(prefix + "checkpoint.json")
                .filename(json.toString()).build());
    }

    private static List<SegfoldEvent> followUntilSubmission(String bootstrap, String runId, Duration timeout,
            ServiceProcesses services) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // One fold's events are ordered within a partition; across partitions order by event time.
        Map<String, SegfoldEvent> byOrder = new TreeMap<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.STATUS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.key() == null || !(r.key().equals(runId) || r.key().startsWith(runId + "/"))) {
                        continue;
                    }
                    StatusEnvelope envelope = ContractJson.read(r.value(), StatusEnvelope.class);
                    SegfoldEvent event = envelope.event();
                    byOrder.put(envelope.time() + "/" + r.partition() + "/" + String.format("%012d", r.offset()), event);
                    if (event instanceof RunFailed f) {
                        throw new AssertionError("run failed: " + f.reason() + "\n" + logs(services));
                    }
                    if (event instanceof SubmissionReady) {
                        return new ArrayList<>(byOrder.values());
                    }
                }
            }
        }
        throw new AssertionError("no SubmissionReady within " + timeout + "; events: "
                + types(new ArrayList<>(byOrder.values())) + "\n" + logs(services));
    }

    private static String logs(ServiceProcesses services) {
        StringBuilder b = new StringBuilder();
        for (String s : ServiceProcesses.SERVICES) {
            String log = services.log(s);
            b.append("---- ").append(s).append(" (tail)\n").append(log.substring(Math.max(0, log.length() - 3000)));
        }
        return b.toString();
    }

    private static void checkSubmission(Path zip, MsdDataset dataset) throws Exception {
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

    private static void upload(MinioClient s3, String bucket, String prefix, Path folder) throws Exception {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                s3.uploadObject(UploadObjectArgs.builder().bucket(bucket)
                        .object(prefix + folder.relativize(f).toString().replace('\\', '/'))
                        .filename(f.toString()).build());
            }
        }
    }

    private static void download(MinioClient s3, String key, Path file) throws Exception {
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket("segfold-runs").object(key).build())) {
            Files.copy(in, file);
        }
    }

    private static int indexOf(List<SegfoldEvent> events, java.util.function.Predicate<SegfoldEvent> p) {
        for (int i = 0; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> types(List<SegfoldEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()
                + (e instanceof FoldEvent f ? "(" + f.fold().fold() + ")" : "")).toList();
    }
}
