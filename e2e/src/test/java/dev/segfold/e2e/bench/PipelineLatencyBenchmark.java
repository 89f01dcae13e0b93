package dev.segfold.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.Buckets;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.DevStackConfig;
import dev.segfold.devstack.s3.NotificationFilter;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.engine.training.TrainerOptions;
import dev.segfold.engine.training.TrainingListener;
import dev.segfold.engine.training.checkpoint.CheckpointFile;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.ExperimentLayout;
import dev.segfold.engine.workflow.ExperimentListener;
import dev.segfold.engine.workflow.FoldTraining;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.UploadObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code ./segfold bench pipeline-latency}: lands checkpoint manifests one at a time on a devstack
 * (real Kafka, S3Proxy sending MinIO-format notifications) watched by the packaged
 * evaluator-service, and measures
 * <ul>
 *   <li><b>landing to evaluation start</b>: from the moment the S3 PUT of {@code checkpoint.json}
 *       returned to the client, to the evaluator's {@code evaluation-start} log mark (taken on entry
 *       of {@code CheckpointEvaluator.handle}, on the worker thread, before any storage access: the
 *       notification went S3 server -> Kafka -> the evaluator's consumer -> its worker pool);</li>
 *   <li><b>status event end to end</b>: from the {@code time} of each resulting FoldEvaluated or
 *       FoldFailed CloudEvent (set by the evaluator just before publishing) to a plain Kafka consumer
 *       on {@code segfold.status} receiving it.</li>
 * </ul>
 * All processes run on this machine, so all timestamps come from one wall clock.
 *
 * <p>One fold of a tiny generated data set is trained here with a checkpoint after every iteration;
 * the checkpoint files are uploaded first, untimed; then each manifest is PUT (iteration order, the
 * run evaluates every checkpoint), and the next one only after the evaluator logged the end of the
 * previous evaluation plus a fixed gap: the evaluator is idle when each manifest lands, so this
 * measures latency, not queueing. The first {@code --warmup} landings are not counted.
 *
 * <p>Options: {@code --manifests N} (50), {@code --warmup W} (1), {@code --gap-ms MS} (1000),
 * {@code --out DIR} (out/bench/pipeline-latency), {@code --repository DIR} (.), {@code --evaluator-opt
 * JVMOPT} (repeatable, e.g. {@code -Dmp.messaging.incoming.storage-events.fetch.max.wait.ms=100}).
 * Prints a table and, last, one JSON line; writes {@code samples.csv} and the evaluator's log into the
 * output folder and removes its scratch folder.
 */
public final class PipelineLatencyBenchmark {
    private static final String DATASET = "LatencyShapes";
    private static final int FOLD = 0;
    private static final Duration EVALUATION_TIMEOUT = Duration.ofMinutes(5);

    private final Options options;

    private PipelineLatencyBenchmark(Options options) {
        this.options = options;
    }

    /** The command-line options. */
    record Options(int manifests, int warmup, long gapMillis, Path out, Path repository, List<String> evaluatorOpts) {
        static Options parse(String[] args) {
            int manifests = 50;
            int warmup = 1;
            long gap = 1000;
            Path out = Path.of("out/bench/pipeline-latency");
            Path repository = Path.of(".");
            List<String> opts = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--manifests" -> manifests = positive(name, value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--gap-ms" -> gap = Long.parseLong(value);
                    case "--out" -> out = Path.of(value);
                    case "--repository" -> repository = Path.of(value);
                    case "--evaluator-opt" -> opts.add(value);
                    default -> throw new IllegalArgumentException("unknown option " + name
                            + " (known: --manifests --warmup --gap-ms --out --repository --evaluator-opt)");
                }
            }
            if (warmup < 0 || gap < 0) {
                throw new IllegalArgumentException("--warmup and --gap-ms must be >= 0");
            }
            return new Options(manifests, warmup, gap, out.toAbsolutePath().normalize(),
                    repository.toAbsolutePath().normalize(), List.copyOf(opts));
        }

        private static int positive(String name, String value) {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + value);
            }
            return n;
        }
    }

    /** One landed manifest and what it led to. */
    record Sample(int iteration, String manifestKey, long putStart, long putDone, long evaluationStart,
                  String statusType, long statusTime, long statusRecordTime, long statusReceived) {
        long landingToStart() {
            return evaluationStart - putDone;
        }

        long putStartToStart() {
            return evaluationStart - putStart;
        }

        long statusEndToEnd() {
            return statusReceived - statusTime;
        }

        long statusRecordToReceipt() {
            return statusReceived - statusRecordTime;
        }

        String csv() {
            return String.join(",", Integer.toString(iteration), manifestKey, Long.toString(putStart),
                    Long.toString(putDone), Long.toString(evaluationStart), Long.toString(landingToStart()),
                    statusType, Long.toString(statusTime), Long.toString(statusRecordTime),
                    Long.toString(statusReceived), Long.toString(statusEndToEnd()));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("pipeline-latency: " + e.getMessage());
            System.exit(2);
            return;
        }
        new PipelineLatencyBenchmark(options).run();
        // the MinIO client's OkHttp dispatcher threads are not daemons and idle for a minute before ending
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(options.out());
        Path work = Files.createTempDirectory(options.out(), "work-");
        int landings = options.warmup() + options.manifests();
        String runId = "latency-" + UUID.randomUUID().toString().substring(0, 8);

        log("starting the devstack (Kafka KRaft + S3Proxy with MinIO-format notifications)");
        try (DevStack stack = DevStack.start(DevStackConfig.forTests())) {
            stack.setNotificationFilter(Buckets.DEFAULT_RUNS, NotificationFilter.suffix(CheckpointLayout.MANIFEST));
            MinioClient s3 = MinioClient.builder().endpoint(stack.s3Endpoint().toString())
                    .credentials(stack.accessKey(), stack.secretKey()).region(stack.region()).build();

            log("training fold " + FOLD + " of a tiny generated data set for " + landings
                    + " iterations, a checkpoint after each");
            Trained trained = train(work, landings);
            log("uploading the data set, run.json (evaluateEveryCheckpoint=true), plans, split and checkpoint files");
            uploadRun(s3, trained, runId);

            log("starting the packaged evaluator-service" + (options.evaluatorOpts().isEmpty() ? ""
                    : " with " + options.evaluatorOpts()));
            try (EvaluatorProcess evaluator = EvaluatorProcess.start(options.repository(), stack,
                    work.resolve("evaluator"), options.evaluatorOpts(), Duration.ofMinutes(4));
                 StatusListener status = StatusListener.start(stack.bootstrapServers())) {
                List<Sample> samples = new ArrayList<>();
                for (int iteration = 1; iteration <= landings; iteration++) {
                    Sample s = land(s3, evaluator, status, trained, runId, iteration, iteration == landings);
                    boolean counted = iteration > options.warmup();
                    log(String.format(Locale.ROOT, "%s iter_%d: landing->start %d ms, status %s %d ms",
                            counted ? "sample" : "warm-up", iteration, s.landingToStart(), s.statusType(),
                            s.statusEndToEnd()));
                    if (counted) {
                        samples.add(s);
                    }
                    pause(options.gapMillis());
                }
                report(samples);
                Files.writeString(options.out().resolve("evaluator-service.log"), evaluator.logTail(Integer.MAX_VALUE));
            }
        }
        deleteRecursively(work);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The local experiment: data set, layout, and the checkpoint folder of each iteration. */
    private record Trained(MsdDataset dataset, ExperimentLayout layout, Configuration configuration,
                           Map<Integer, Path> checkpoints) {
    }

    private static Trained train(Path work, int iterations) throws IOException, InterruptedException {
        Path data = work.resolve(DATASET);
        SyntheticDatasetGenerator.builder().trainingCases(6).optTestCases(1).optShape(16, 20, 16).optSeed(11)
                .optName(DATASET).build().generate(data);
        MsdDataset dataset = MsdDataset.open(data);
        ExperimentLayout layout = new ExperimentLayout(work.resolve("experiment"));
        ExperimentContext ctx = ExperimentContext.open(dataset, layout, PlanOverrides.NONE.withBaseNumFeatures(4)
                .withMaxNumPool(2).withBatchSize(2).withPatchSize(16, 16, 16), ExperimentListener.SILENT);
        Configuration cfg = Configuration.FULLRES_3D;
        FoldTraining.run(ctx.plans(), cfg, ctx.preprocessing(cfg).trainingCases(ctx.split().fold(FOLD).train()),
                layout.checkpoints(cfg, FOLD), new FoldTraining.Settings(iterations,
                        new TrainerOptions(iterations, 1, 0), 123, 1), TrainingListener.NONE, () -> false);
        Map<Integer, Path> checkpoints = new CheckpointStore(layout.checkpoints(cfg, FOLD)).complete();
        for (int i = 1; i <= iterations; i++) {
            if (!checkpoints.containsKey(i)) {
                throw new IllegalStateException("training kept no checkpoint of iteration " + i + " in "
                        + layout.checkpoints(cfg, FOLD) + " (has " + checkpoints.keySet() + ")");
            }
        }
        return new Trained(dataset, layout, cfg, checkpoints);
    }

    private static void uploadRun(MinioClient s3, Trained trained, String runId) throws Exception {
        Path root = trained.dataset().root();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                upload(s3, Buckets.DEFAULT_DATASETS, DATASET + "/" + root.relativize(f).toString().replace('\\', '/'), f);
            }
        }
        RunLayout run = RunLayout.of(runId);
        Map<String, Object> runJson = new LinkedHashMap<>();
        runJson.put("runId", runId);
        runJson.put("dataset", DATASET);
        runJson.put("configuration", trained.configuration().id());
        runJson.put("folds", List.of(FOLD));
        runJson.put("evaluateEveryCheckpoint", true);
        putBytes(s3, run.runJson(), new ObjectMapper().writeValueAsBytes(runJson));
        upload(s3, Buckets.DEFAULT_RUNS, run.plans(), trained.layout().plansFile());
        upload(s3, Buckets.DEFAULT_RUNS, run.prefix() + "splits.json", trained.layout().splitsFile());
        for (var e : trained.checkpoints().entrySet()) {
            CheckpointLayout layout = run.checkpoint(trained.configuration().id(), FOLD, e.getKey());
            for (CheckpointFile f : CheckpointStore.readManifest(e.getValue()).files()) {
                upload(s3, Buckets.DEFAULT_RUNS, layout.file(f.name()), e.getValue().resolve(f.name()));
            }
        }
    }

    /** PUTs one manifest, then waits until its evaluation has ended and its status event arrived. */
    private Sample land(MinioClient s3, EvaluatorProcess evaluator, StatusListener status, Trained trained,
            String runId, int iteration, boolean isFinal) throws Exception {
        Path dir = trained.checkpoints().get(iteration);
        var engineManifest = CheckpointStore.readManifest(dir);
        List<ManifestFile> files = engineManifest.files().stream()
                .map(f -> new ManifestFile(f.name(), f.size(), f.sha256())).toList();
        CheckpointManifest manifest = new CheckpointManifest(CheckpointManifest.FORMAT_VERSION, runId,
                trained.configuration().id(), 0, FOLD, iteration, isFinal, files, engineManifest.configDigest(),
                Instant.now());
        String key = manifest.layout().manifest();
        byte[] bytes = ContractJson.write(manifest);
        int statusSeen = status.received().size();

        long putStart = System.currentTimeMillis();
        putBytes(s3, key, bytes);
        long putDone = System.currentTimeMillis();

        Instant deadline = Instant.now().plus(EVALUATION_TIMEOUT);
        Optional<Long> start = Optional.empty();
        boolean ended = false;
        StatusListener.Received event = null;
        while (start.isEmpty() || !ended || event == null) {
            evaluator.requireAlive();
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no complete evaluation of " + key + " within " + EVALUATION_TIMEOUT
                        + " (start seen: " + start.isPresent() + ", end logged: " + ended + ", status event: "
                        + (event != null) + ")\n" + evaluator.logTail(4000));
            }
            List<String> lines = evaluator.logLines();
            start = lines.stream().map(EvaluationStartLine::parse).flatMap(Optional::stream)
                    .filter(m -> m.manifestKey().equals(key)).map(EvaluationStartLine::epochMillis).findFirst();
            ended = lines.stream().anyMatch(l -> l.contains(key + " evaluated:")
                    || l.contains("evaluation of " + key + " failed") || (l.contains(key + ": ") && l.contains("INFO")
                    && !l.contains("evaluation-start")));
            List<StatusListener.Received> all = status.received();
            event = all.subList(statusSeen, all.size()).stream().filter(r -> outcomeOf(r, key, trained)).findFirst()
                    .orElse(null);
            if (start.isEmpty() || !ended || event == null) {
                pause(20);
            }
        }
        return new Sample(iteration, key, putStart, putDone, start.get(), event.envelope().event().getClass()
                .getSimpleName(), event.envelope().time().toEpochMilli(), event.recordMillis(), event.receivedMillis());
    }

    /** The FoldEvaluated of {@code key}, or a FoldFailed of the benchmark's fold (its reason names the key). */
    private static boolean outcomeOf(StatusListener.Received r, String key, Trained trained) {
        if (r.envelope().event() instanceof FoldEvaluated e) {
            return e.manifestKey().equals(key);
        }
        return r.envelope().event() instanceof FoldFailed f && f.fold().fold() == FOLD
                && f.reason().contains(key);
    }

    private void report(List<Sample> samples) throws IOException {
        StringBuilder csv = new StringBuilder("iteration,manifest_key,put_start_ms,put_done_ms,evaluation_start_ms,"
                + "landing_to_start_ms,status_type,status_time_ms,status_record_ms,status_received_ms,status_latency_ms\n");
        samples.forEach(s -> csv.append(s.csv()).append('\n'));
        Path file = options.out().resolve("samples.csv");
        Files.writeString(file, csv);
        long failed = samples.stream().filter(s -> !s.statusType().equals("FoldEvaluated")).count();

        LatencyStats landing = LatencyStats.of(samples.stream().map(Sample::landingToStart).toList());
        LatencyStats fromPutStart = LatencyStats.of(samples.stream().map(Sample::putStartToStart).toList());
        LatencyStats put = LatencyStats.of(samples.stream().map(s -> s.putDone() - s.putStart()).toList());
        LatencyStats statusE2e = LatencyStats.of(samples.stream().map(Sample::statusEndToEnd).toList());
        LatencyStats statusRecord = LatencyStats.of(samples.stream().map(Sample::statusRecordToReceipt).toList());
        System.out.println();
        System.out.println("pipeline latency, ms (nearest-rank percentiles; gap " + options.gapMillis()
                + " ms after each evaluation ended; samples in " + file + ")");
        System.out.println("                                            n     min     p50     p95     p99     max      mean");
        System.out.println("manifest PUT returned -> evaluation start " + landing.toRow());
        System.out.println("manifest PUT sent     -> evaluation start " + fromPutStart.toRow());
        System.out.println("manifest PUT (S3 + notification to Kafka) " + put.toRow());
        System.out.println("status event time     -> consumer receipt " + statusE2e.toRow());
        System.out.println("status record stamp   -> consumer receipt " + statusRecord.toRow());
        if (failed > 0) {
            System.out.println("note: " + failed + " evaluations ended in FoldFailed (their start and event still count)");
        }
        System.out.printf(Locale.ROOT, "{\"bench\":\"pipeline-latency\",\"manifests\":%d,\"warmup\":%d,\"gap_ms\":%d,"
                        + "\"evaluator_opts\":\"%s\",\"failed_evaluations\":%d,\"landing_to_evaluation_start\":%s,"
                        + "\"put_sent_to_evaluation_start\":%s,\"put\":%s,\"status_event_end_to_end\":%s,"
                        + "\"status_record_to_receipt\":%s}%n",
                samples.size(), options.warmup(), options.gapMillis(),
                String.join(" ", options.evaluatorOpts()).replace("\"", "'"), failed, landing.toJson(),
                fromPutStart.toJson(), put.toJson(), statusE2e.toJson(), statusRecord.toJson());
    }

    private static void upload(MinioClient s3, String bucket, String key, Path file) throws Exception {
        s3.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString()).build());
    }

    private static void putBytes(MinioClient s3, String key, byte[] bytes) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(Buckets.DEFAULT_RUNS).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType("application/json").build());
    }

    /** The spacing between landings (and the log-polling interval): a benchmark's schedule, not a test wait. */
    private static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static void log(String message) {
        System.err.println("[pipeline-latency] " + message);
    }
}
