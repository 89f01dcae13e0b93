package dev.segfold.evaluator.service;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.events.ClassDice;
import dev.segfold.contracts.events.FailurePhase;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.CheckpointRef;
import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.split.FoldSplit;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.FoldValidation;
import dev.segfold.engine.workflow.StagePreprocessing;
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
import java.util.List;
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

    private final ObjectStore store;
    private final RunWorkspaces workspaces;
    private final EvaluatorConfig config;
    private final FoldEvents events;
    /** One evaluation of a fold at a time in this process, so duplicates delivered together run once. */
    private final Map<String, ReentrantLock> foldLocks = new ConcurrentHashMap<>();

    public CheckpointEvaluator(ObjectStore store, RunWorkspaces workspaces, EvaluatorConfig config, FoldEvents events) {
        this.store = store;
        this.workspaces = workspaces;
        this.config = config;
        this.events = events;
    }

    /** Handles the manifest at {@code ref}: evaluates, skips, or announces a failure. */
    public EvaluationOutcome handle(CheckpointRef ref) {
        FoldLayout fold = ref.layout().fold();
        ReentrantLock lock = foldLocks.computeIfAbsent(fold.prefix(), k -> new ReentrantLock());
        lock.lock();
        try {
            return evaluate(ref);
        } catch (EvaluationFailure failure) {
            FoldFailed failed = new FoldFailed(failure.fold(), FailurePhase.EVALUATION, failure.getMessage(),
                    failure.retryable(), Instant.now());
            LOG.warnf("evaluation of %s failed: %s", ref.layout().manifest(), failure.getMessage());
            events.failed(failed);
            return new EvaluationOutcome.Failed(failed);
        } finally {
            lock.unlock();
        }
    }

    private EvaluationOutcome evaluate(CheckpointRef ref) throws EvaluationFailure {
        String runs = store.buckets().runs();
        CheckpointLayout checkpoint = ref.layout();
        String manifestKey = checkpoint.manifest();
        FoldId guessed = new FoldId(ref.runId(), ref.configuration(), guessStage(ref), ref.fold());

        byte[] manifestBytes = storage(guessed, () -> store.get(runs, manifestKey));
        CheckpointManifest manifest;
        try {
            manifest = ContractJson.read(manifestBytes, CheckpointManifest.class);
        } catch (IllegalArgumentException e) {
            throw new EvaluationFailure(guessed, manifestKey + ": " + e.getMessage(), false);
        }
        requireMatchesKey(manifest, ref, guessed);
        FoldId fold = new FoldId(manifest.runId(), manifest.configuration(), manifest.stage(), manifest.fold());
        FoldLayout foldLayout = ref.layout().fold();

        String runJsonKey = RunLayout.of(ref.runId()).runJson();
        RunSettings run = readRun(fold, runJsonKey);
        String markerKey = EvaluationMarker.key(foldLayout);
        Optional<EvaluationMarker> marker = storage(fold, () -> store.exists(runs, markerKey)
                ? EvaluationMarker.parse(store.get(runs, markerKey)) : Optional.<EvaluationMarker>empty());
        boolean summaryExists = storage(fold, () -> store.exists(runs, foldLayout.validationSummary()));
        EvaluationDecision decision = EvaluationDecision.decide(manifest,
                run.evaluateEveryCheckpoint(config.evaluateEveryCheckpoint()), marker, summaryExists);
        if (decision != EvaluationDecision.EVALUATE) {
            LOG.infof("%s: %s", manifestKey, decision.reason());
            return new EvaluationOutcome.Skipped(decision);
        }

        Configuration configuration;
        try {
            configuration = Configuration.fromId(manifest.configuration());
        } catch (IllegalArgumentException e) {
            throw new EvaluationFailure(fold, manifestKey + ": CheckpointManifest.configuration: " + e.getMessage(), false);
        }
        String digest = manifest.contentDigest();
        Path work = workspaces.workDir().resolve("evaluations").resolve(manifest.runId())
                .resolve(manifest.configuration()).resolve("fold" + manifest.fold()).resolve(digest.substring(0, 16));
        try {
            Path checkpointDir = work.resolve("iter_" + manifest.iteration());
            fetch(fold, manifest, manifestBytes, checkpoint, checkpointDir);
            Validated validated = validate(fold, run, configuration, manifest, checkpointDir,
                    work.resolve("validation"));
            FoldValidation.Result result = validated.result();
            List<ClassDice> dice = dice(fold, validated);
            upload(fold, foldLayout, result);
            FoldEvaluated evaluated = new FoldEvaluated(fold, manifest.iteration(), manifestKey, digest, dice,
                    foldLayout.validationSummary(), foldLayout.postprocessing(), Instant.now());
            events.evaluated(evaluated);
            EvaluationMarker done = new EvaluationMarker(manifestKey, digest, manifest.iteration(),
                    manifest.finalCheckpoint(), evaluated.meanDice(), evaluated.time());
            storage(fold, () -> {
                store.put(runs, markerKey, done.toJson(), "application/json");
                return null;
            });
            LOG.infof("%s evaluated: mean Dice %.4f over %d classes", manifestKey, evaluated.meanDice(), dice.size());
            return new EvaluationOutcome.Evaluated(evaluated);
        } finally {
            if (!config.keepLocalFiles()) {
                deleteQuietly(work);
            }
        }
    }

    private static void requireMatchesKey(CheckpointManifest m, CheckpointRef ref, FoldId fold) throws EvaluationFailure {
        String where = ref.layout().manifest() + ": ";
        if (!m.runId().equals(ref.runId())) {
            throw new EvaluationFailure(fold, where + "CheckpointManifest.runId " + m.runId()
                    + " does not match the key's run " + ref.runId(), false);
        }
        if (!m.configuration().equals(ref.configuration())) {
            throw new EvaluationFailure(fold, where + "CheckpointManifest.configuration " + m.configuration()
                    + " does not match the key's configuration " + ref.configuration(), false);
        }
        if (m.fold() != ref.fold()) {
            throw new EvaluationFailure(fold, where + "CheckpointManifest.fold " + m.fold()
                    + " does not match the key's fold " + ref.fold(), false);
        }
        if (m.iteration() != ref.iteration()) {
            throw new EvaluationFailure(fold, where + "CheckpointManifest.iteration " + m.iteration()
                    + " does not match the key's iter_" + ref.iteration(), false);
        }
    }

    private RunSettings readRun(FoldId fold, String runJsonKey) throws EvaluationFailure {
        String runs = store.buckets().runs();
        if (!storage(fold, () -> store.exists(runs, runJsonKey))) {
            // retryable: an imported fold may land before its run is accepted
            throw new EvaluationFailure(fold, runJsonKey + " does not exist: the checkpoint belongs to no known run", true);
        }
        byte[] json = storage(fold, () -> store.get(runs, runJsonKey));
        try {
            return RunSettings.parse(json, runJsonKey);
        } catch (IllegalArgumentException e) {
            throw new EvaluationFailure(fold, e.getMessage(), false);
        }
    }

    /** The stage to name in a failure that happens before the manifest could be read. */
    private int guessStage(CheckpointRef ref) {
        try {
            byte[] json = store.get(store.buckets().runs(), RunLayout.of(ref.runId()).runJson());
            return RunSettings.parse(json, "run.json").stageOf(ref.configuration());
        } catch (RuntimeException e) {
            return RunSettings.defaultStage(ref.configuration());
        }
    }

    private void fetch(FoldId fold, CheckpointManifest manifest, byte[] manifestBytes, CheckpointLayout checkpoint,
                       Path dir) throws EvaluationFailure {
        String runs = store.buckets().runs();
        try {
            Files.createDirectories(dir);
            for (ManifestFile file : manifest.files()) {
                String key = checkpoint.file(file.name());
                if (!storage(fold, () -> store.exists(runs, key))) {
                    throw new CheckpointIntegrityException(file.name(), "listed in the manifest but missing from "
                            + runs + "/" + key);
                }
                storage(fold, () -> store.download(runs, key, dir.resolve(file.name())));
            }
            // The engine loads a checkpoint folder by its manifest; it reads this (object-store) form too.
            Files.write(dir.resolve(CheckpointLayout.MANIFEST), manifestBytes);
            CheckpointIntegrity.verify(manifest, dir);
        } catch (CheckpointIntegrityException e) {
            throw new EvaluationFailure(fold, e.getMessage() + " (" + checkpoint.manifest() + ")", false);
        } catch (IOException e) {
            throw new EvaluationFailure(fold, "local work folder " + dir + ": " + e.getMessage(), true);
        }
    }

    /** The engine's validation result with the data set's class names. */
    private record Validated(FoldValidation.Result result, Map<Integer, String> labels) {
    }

    private Validated validate(FoldId fold, RunSettings run, Configuration configuration,
                                           CheckpointManifest manifest, Path checkpointDir, Path out)
            throws EvaluationFailure {
        ExperimentContext context;
        try {
            context = workspaces.experiment(manifest.runId(), run.dataset());
        } catch (ObjectStoreException e) {
            throw new EvaluationFailure(fold, "run " + manifest.runId() + " or data set " + run.dataset()
                    + " could not be fetched: " + e.getMessage(), true);
        } catch (IOException | RuntimeException e) {
            throw new EvaluationFailure(fold, "run " + manifest.runId() + " on data set " + run.dataset()
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
        try {
            StagePreprocessing preprocessing = context.preprocessing(configuration);
            return new Validated(FoldValidation.run(context.dataset(), context.plans(), configuration, preprocessing,
                    split.val(), checkpointDir, out, config.inference().settings()),
                    context.dataset().descriptor().labels());
        } catch (IOException | RuntimeException e) {
            throw new EvaluationFailure(fold, "validating " + split.val().size() + " cases with checkpoint "
                    + manifest.layout().prefix() + " failed: " + describe(e), false);
        }
    }

    private static List<ClassDice> dice(FoldId fold, Validated validated) throws EvaluationFailure {
        try {
            return DiceReport.of(validated.result().summary(), validated.labels());
        } catch (IllegalArgumentException e) {
            throw new EvaluationFailure(fold, e.getMessage(), false);
        }
    }

    private void upload(FoldId fold, FoldLayout layout, FoldValidation.Result result) throws EvaluationFailure {
        String runs = store.buckets().runs();
        List<Path> predictions;
        try (Stream<Path> files = Files.list(result.folder())) {
            predictions = files.filter(p -> p.getFileName().toString().endsWith(RunLayout.NIFTI)).sorted().toList();
        } catch (IOException e) {
            throw new EvaluationFailure(fold, "listing " + result.folder() + ": " + e.getMessage(), true);
        }
        for (Path prediction : predictions) {
            String name = prediction.getFileName().toString();
            String caseId = name.substring(0, name.length() - RunLayout.NIFTI.length());
            storage(fold, () -> {
                store.put(runs, layout.validationPrediction(caseId), prediction);
                return null;
            });
        }
        storage(fold, () -> {
            store.put(runs, layout.validationSummary(), result.folder().resolve(FoldValidation.SUMMARY));
            store.put(runs, layout.postprocessing(), result.folder().resolve(FoldValidation.POSTPROCESSING));
            return null;
        });
    }

    @FunctionalInterface
    private interface StorageCall<T> {
        T run() throws CheckpointIntegrityException;
    }

    /** Runs an object-store call; an unreachable or failing store is a retryable failure. */
    private static <T> T storage(FoldId fold, StorageCall<T> call) throws EvaluationFailure {
        try {
            return call.run();
        } catch (ObjectStoreException e) {
            throw new EvaluationFailure(fold, e.getMessage(), true);
        } catch (CheckpointIntegrityException e) {
            throw new EvaluationFailure(fold, e.getMessage(), false);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
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
