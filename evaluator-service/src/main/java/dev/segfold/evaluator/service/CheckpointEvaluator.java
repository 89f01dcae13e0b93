package dev.segfold.evaluator.service;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.TrainedWith;
import dev.segfold.contracts.events.FailurePhase;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.storage.CheckpointRef;
import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.evaluator.config.EvaluatorConfig;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.storage.ObjectStoreException;
import dev.segfold.service.workspace.RunWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Evaluates one checkpoint that landed in the runs bucket, whoever wrote it (a trainer, or a person
 * importing a fold trained elsewhere with any S3 client): the manifest alone says what it is.
 *
 * <p>Order of writes, chosen for at-least-once delivery: validation predictions, summary.json,
 * postprocessing.json, then the {@code FoldEvaluated} event, then the marker. A crash before the
 * marker re-evaluates on the next delivery (the event may repeat; consumers are idempotent); once
 * the marker holds this manifest's digest, replays do nothing.
 */
@ApplicationScoped
public class CheckpointEvaluator {
    private static final Logger LOG = Logger.getLogger(CheckpointEvaluator.class);
    /**
     * First word of the INFO line logged when handling a checkpoint begins, followed by
     * {@code manifest=<key> epochMillis=<wall-clock ms>}: the evaluation-start mark of the
     * pipeline-latency benchmark.
     */
    public static final String EVALUATION_START = "evaluation-start";

    private final ObjectStore store;
    private final RunWorkspaces workspaces;
    private final EvaluatorConfig config;
    private final CheckpointFetcher fetcher;
    private final FoldValidator validator;
    private final ValidationUpload upload;
    private final FoldEvents events;
    /** One evaluation of a fold at a time in this process, so duplicates delivered together run once. */
    private final Map<String, ReentrantLock> foldLocks = new ConcurrentHashMap<>();

    public CheckpointEvaluator(ObjectStore store, RunWorkspaces workspaces, EvaluatorConfig config,
                               CheckpointFetcher fetcher, FoldValidator validator, ValidationUpload upload,
                               FoldEvents events) {
        this.store = store;
        this.workspaces = workspaces;
        this.config = config;
        this.fetcher = fetcher;
        this.validator = validator;
        this.upload = upload;
        this.events = events;
    }

    /** Handles the manifest at {@code ref}: evaluates, skips, or announces a failure as {@code FoldFailed}. */
    public EvaluationOutcome handle(CheckpointRef ref) {
        // Taken before the fold lock, storage or the engine: the moment the notification reached the
        // evaluator's worker. bench/ (./segfold bench pipeline-latency) parses this exact format;
        // keep it stable.
        LOG.infof("%s manifest=%s epochMillis=%d", EVALUATION_START, ref.layout().manifest(),
                System.currentTimeMillis());
        FoldLayout fold = ref.layout().fold();
        ReentrantLock lock = foldLocks.computeIfAbsent(fold.prefix(), k -> new ReentrantLock());
        lock.lock();
        try {
            return evaluate(ref);
        } catch (EvaluationFailure failure) {
            return failed(ref, failure);
        } catch (RuntimeException e) {
            // a fault of this service (e.g. the broker refused an event): announced, and retryable
            return failed(ref, new EvaluationFailure(foldBeforeManifest(ref), "evaluator error: "
                    + FoldValidator.describe(e), true));
        } finally {
            lock.unlock();
        }
    }

    private EvaluationOutcome failed(CheckpointRef ref, EvaluationFailure failure) {
        FoldFailed failed = new FoldFailed(failure.fold(), FailurePhase.EVALUATION, failure.getMessage(),
                failure.retryable(), Instant.now());
        LOG.warnf("evaluation of %s failed: %s", ref.layout().manifest(), failure.getMessage());
        events.failed(failed);
        return new EvaluationOutcome.Failed(failed);
    }

    private EvaluationOutcome evaluate(CheckpointRef ref) throws EvaluationFailure {
        String runs = store.buckets().runs();
        String manifestKey = ref.layout().manifest();
        byte[] manifestBytes;
        CheckpointManifest manifest;
        try {
            Optional<byte[]> stored = store.getIfExists(runs, manifestKey);
            if (stored.isEmpty()) {
                LOG.infof("%s: %s", manifestKey, EvaluationDecision.GONE.reason());
                return new EvaluationOutcome.Skipped(EvaluationDecision.GONE);
            }
            manifestBytes = stored.get();
            manifest = ContractJson.read(manifestBytes, CheckpointManifest.class);
        } catch (ObjectStoreException e) {
            throw new EvaluationFailure(foldBeforeManifest(ref), e.getMessage(), true);
        } catch (IllegalArgumentException e) {
            throw new EvaluationFailure(foldBeforeManifest(ref), manifestKey + ": " + e.getMessage(), false);
        }
        requireMatchesKey(manifest, ref);
        FoldId fold = new FoldId(manifest.runId(), manifest.configuration(), manifest.stage(), manifest.fold());
        FoldLayout foldLayout = ref.layout().fold();
        RunSettings run = readRun(fold);
        FoldSettings settings = foldSettings(run, manifest);
        String markerKey = EvaluationMarker.key(foldLayout);
        EvaluationDecision decision = storage(fold, () -> EvaluationDecision.decide(manifest,
                settings == null ? run.evaluateEveryCheckpoint(config.evaluateEveryCheckpoint())
                        : settings.evaluateEveryCheckpoint(),
                store.exists(runs, markerKey) ? EvaluationMarker.parse(store.get(runs, markerKey)) : Optional.empty(),
                store.exists(runs, foldLayout.validationSummary())));
        if (decision != EvaluationDecision.EVALUATE) {
            LOG.infof("%s: %s", manifestKey, decision.reason());
            return new EvaluationOutcome.Skipped(decision);
        }

        String digest = manifest.contentDigest();
        Path work = workspaces.workDir().resolve("evaluations").resolve(manifest.runId())
                .resolve(manifest.configuration()).resolve("fold" + manifest.fold()).resolve(digest.substring(0, 16));
        try {
            Path checkpointDir = work.resolve("iter_" + manifest.iteration());
            try {
                fetcher.fetch(manifest, manifestBytes, checkpointDir);
            } catch (CheckpointIntegrityException e) {
                throw new EvaluationFailure(fold, e.getMessage() + " (" + manifestKey + ")", false);
            }
            FoldValidator.Validated validated = validator.validate(fold, run.dataset(), manifest, checkpointDir,
                    work.resolve("validation"), settings);
            storage(fold, () -> upload.upload(foldLayout, validated.result()));
            FoldEvaluated evaluated = new FoldEvaluated(fold, manifest.iteration(), manifestKey, digest,
                    validated.dice(), foldLayout.validationSummary(), foldLayout.postprocessing(), Instant.now());
            events.evaluated(evaluated);
            EvaluationMarker done = new EvaluationMarker(manifestKey, digest, manifest.iteration(),
                    manifest.finalCheckpoint(), evaluated.meanDice(), evaluated.time());
            storage(fold, () -> {
                store.put(runs, markerKey, done.toJson(), "application/json");
                return null;
            });
            LOG.infof("%s evaluated: mean Dice %.4f over %d classes", manifestKey, evaluated.meanDice(),
                    validated.dice().size());
            return new EvaluationOutcome.Evaluated(evaluated);
        } catch (ObjectStoreException e) {
            throw new EvaluationFailure(fold, e.getMessage(), true);
        } catch (IOException e) {
            throw new EvaluationFailure(fold, "local work folder " + work + ": " + e.getMessage(), true);
        } finally {
            if (!config.keepLocalFiles()) {
                deleteQuietly(work);
            }
        }
    }

    /**
     * The fold's settings: its stage's in run.json (the run is the source of truth, also for an
     * imported fold), else what the checkpoint says it was trained with; null when neither says
     * (a run accepted by an older config-service, with a hand-written manifest).
     */
    private static FoldSettings foldSettings(RunSettings run, CheckpointManifest manifest) {
        return run.settingsOf(manifest.configuration())
                .or(() -> Optional.ofNullable(manifest.trainedWith()).map(TrainedWith::settings))
                .orElseGet(() -> {
                    LOG.warnf("%s: neither run.json nor the manifest states the fold's settings; evaluating in fp32"
                            + " with postprocessing, as runs did before settings were recorded",
                            manifest.layout().manifest());
                    return null;
                });
    }

    private static void requireMatchesKey(CheckpointManifest m, CheckpointRef ref) throws EvaluationFailure {
        FoldId fold = new FoldId(ref.runId(), ref.configuration(), m.stage(), ref.fold());
        String where = ref.layout().manifest() + ": CheckpointManifest.";
        if (!m.runId().equals(ref.runId())) {
            throw new EvaluationFailure(fold, where + "runId " + m.runId() + " does not match the key's run "
                    + ref.runId(), false);
        }
        if (!m.configuration().equals(ref.configuration())) {
            throw new EvaluationFailure(fold, where + "configuration " + m.configuration()
                    + " does not match the key's configuration " + ref.configuration(), false);
        }
        if (m.fold() != ref.fold()) {
            throw new EvaluationFailure(fold, where + "fold " + m.fold() + " does not match the key's fold "
                    + ref.fold(), false);
        }
        if (m.iteration() != ref.iteration()) {
            throw new EvaluationFailure(fold, where + "iteration " + m.iteration() + " does not match the key's iter_"
                    + ref.iteration(), false);
        }
    }

    private RunSettings readRun(FoldId fold) throws EvaluationFailure {
        String runs = store.buckets().runs();
        String key = RunLayout.of(fold.runId()).runJson();
        byte[] json = storage(fold, () -> store.exists(runs, key) ? store.get(runs, key) : null);
        if (json == null) {
            // retryable: an imported fold may land before its run is accepted
            throw new EvaluationFailure(fold, key + " does not exist: the checkpoint belongs to no known run", true);
        }
        try {
            return RunSettings.parse(json, key);
        } catch (IllegalArgumentException e) {
            throw new EvaluationFailure(fold, e.getMessage(), false);
        }
    }

    /** The fold to name in a failure before the manifest (and its stage) could be read. */
    private FoldId foldBeforeManifest(CheckpointRef ref) {
        int stage;
        try {
            byte[] json = store.get(store.buckets().runs(), RunLayout.of(ref.runId()).runJson());
            stage = RunSettings.parse(json, "run.json").stageOf(ref.configuration());
        } catch (RuntimeException e) {
            stage = RunSettings.defaultStage(ref.configuration());
        }
        return new FoldId(ref.runId(), ref.configuration(), stage, ref.fold());
    }

    @FunctionalInterface
    private interface StorageCall<T> {
        T run() throws IOException;
    }

    /** Runs object-store calls; an unreachable or failing store is a retryable failure. */
    private static <T> T storage(FoldId fold, StorageCall<T> call) throws EvaluationFailure {
        try {
            return call.run();
        } catch (ObjectStoreException | IOException e) {
            throw new EvaluationFailure(fold, e.getMessage(), true);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("could not delete the work folder %s: %s", folder, e.getMessage());
        }
    }
}
