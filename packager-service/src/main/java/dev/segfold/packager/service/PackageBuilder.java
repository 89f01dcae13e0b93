package dev.segfold.packager.service;

import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.spec.Configuration;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.engine.workflow.SubmissionArchive;
import dev.segfold.packager.bundle.ProgressLog;
import dev.segfold.packager.bundle.ProgressPlot;
import dev.segfold.packager.bundle.ZipBundle;
import dev.segfold.packager.config.PackagerConfig;
import dev.segfold.service.checkpoint.StoredCheckpoint;
import dev.segfold.service.checkpoint.StoredCheckpoints;
import dev.segfold.service.run.RunDescription;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.workspace.RunWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.logging.Logger;

/**
 * Gathers what a package is made of from storage and builds it: {@code submission.zip} (one
 * {@code <case>.nii.gz} per test case, the ensemble's files, which have their input's geometry)
 * and {@code fold<k>.zip} per fold (for a cascade also {@code 3d_lowres/fold<k>.zip} per
 * first-stage fold) with the final checkpoint under {@code iter_<n>/} (weights,
 * optimizer state, network and training configuration, its {@code checkpoint.json}), the fold's
 * {@code postprocessing.json} and {@code summary.json}, its config {@code nnunet_fold<k>.yml} and
 * {@code progress.csv}/{@code progress.png} when stored.
 */
@ApplicationScoped
public class PackageBuilder {
    private static final Logger LOG = Logger.getLogger(PackageBuilder.class);
    static final String PROGRESS_CSV = "progress.csv";
    static final String PROGRESS_PNG = "progress.png";

    private final ObjectStore store;
    private final StoredCheckpoints checkpoints;
    private final RunWorkspaces workspaces;
    private final PackagerConfig config;

    public PackageBuilder(ObjectStore store, StoredCheckpoints checkpoints, RunWorkspaces workspaces,
            PackagerConfig config) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.workspaces = workspaces;
        this.config = config;
    }

    /**
     * The inputs, with the ensemble files downloaded into {@code work}.
     *
     * @param inputs        what the package is made of
     * @param ensembleFiles the downloaded ensemble files, in case order
     * @param finals        each fold's final checkpoint, the ensembled configuration's first, then a
     *                      cascade's first-stage folds
     */
    public record Gathered(PackageManifest.Inputs inputs, List<Path> ensembleFiles, List<FoldFinal> finals) {}

    /**
     * One fold to bundle.
     *
     * @param configuration its configuration
     * @param fold          the fold
     * @param checkpoint    its final checkpoint
     * @param bundleKey     where its bundle goes
     */
    public record FoldFinal(String configuration, int fold, StoredCheckpoint checkpoint, String bundleKey) {}

    /**
     * @param run the run's {@code run.json}: a cascade ({@code 3d_cascade_fullres}) also bundles its
     *            first-stage ({@code 3d_lowres}) folds, trained and imported
     * @throws IllegalStateException naming the fold when a fold has no final checkpoint
     */
    public Gathered gather(EnsemblePredicted event, RunDescription runDescription, Path work) throws IOException {
        RunLayout run = RunLayout.of(event.runId());
        String bucket = store.buckets().runs();
        List<Path> files = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (String caseId : event.caseIds()) {
            Path file = store.download(bucket, run.ensemble(caseId), work.resolve("ensemble").resolve(caseId + RunLayout.NIFTI));
            files.add(file);
            digests.add(sha256(file));
        }
        List<FoldFinal> finals = new ArrayList<>();
        List<PackageManifest.FoldInput> used = new ArrayList<>();
        for (int fold : event.folds()) {
            finals.add(finalOf(run, event.configuration(), fold, run.foldBundle(fold)));
        }
        boolean cascade = Configuration.find(runDescription.configuration()).map(Configuration::isCascade).orElse(false);
        if (cascade) {
            String first = Configuration.fromId(runDescription.configuration()).firstStage().id();
            for (int fold : runDescription.expectedFolds()) {
                finals.add(finalOf(run, first, fold, run.foldBundle(first, fold)));
            }
        }
        for (FoldFinal f : finals) {
            used.add(new PackageManifest.FoldInput(f.fold(), f.checkpoint().iteration(),
                    StoredCheckpoints.sha256(f.checkpoint().manifest()), f.configuration()));
        }
        return new Gathered(new PackageManifest.Inputs(event.folds(), event.caseIds(), used, digests), files, finals);
    }

    private FoldFinal finalOf(RunLayout run, String configuration, int fold, String bundleKey) {
        FoldLayout foldKeys = run.fold(configuration, fold);
        String bucket = store.buckets().runs();
        StoredCheckpoint last = checkpoints.finalCheckpoint(foldKeys).orElseThrow(() -> new IllegalStateException(
                configuration + " fold " + fold + " has no final checkpoint under " + bucket + "/" + foldKeys.prefix()));
        return new FoldFinal(configuration, fold, last, bundleKey);
    }

    /** Builds and uploads the archives; returns the manifest to write last. */
    public PackageManifest build(EnsemblePredicted event, RunDescription run, Gathered gathered, Path work)
            throws IOException {
        RunLayout keys = RunLayout.of(event.runId());
        String bucket = store.buckets().runs();
        List<PackageManifest.PackagedFile> packaged = new ArrayList<>();

        Path submission = SubmissionArchive.write(gathered.ensembleFiles(), work.resolve("submission.zip"));
        packaged.add(upload(submission, keys.submission()));
        for (FoldFinal f : gathered.finals()) {
            Path folder = work.resolve("bundles").resolve(f.configuration()).resolve("fold" + f.fold());
            Path zip = foldBundle(event.runId(), f.configuration(), f.fold(), f.checkpoint(), folder.resolve("content"))
                    .write(folder.resolve("fold" + f.fold() + ".zip"));
            packaged.add(upload(zip, f.bundleKey()));
        }
        // recorded when the data set was downloaded: the same digest that keys its preprocessed cache
        String datasetDigest = RunWorkspaces.datasetDigest(workspaces.dataset(run.dataset()));
        return new PackageManifest(PackageManifest.FORMAT_VERSION, event.runId(), event.configuration(), run.dataset(),
                datasetDigest, sha256(store.get(bucket, keys.runJson())), sha256(store.get(bucket, keys.plans())),
                config.codeVersion(), gathered.inputs(), packaged, Instant.now());
    }

    private ZipBundle foldBundle(String runId, String configuration, int fold, StoredCheckpoint checkpoint,
            Path folder) throws IOException {
        RunLayout run = RunLayout.of(runId);
        FoldLayout foldKeys = run.fold(configuration, fold);
        String bucket = store.buckets().runs();
        ZipBundle zip = new ZipBundle();
        String iter = "iter_" + checkpoint.iteration();
        Path checkpointDir = checkpoints.download(checkpoint, folder.resolve(iter));
        for (ManifestFile f : checkpoint.files()) {
            zip.add(iter + "/" + f.name(), checkpointDir.resolve(f.name()));
        }
        zip.add(iter + "/" + CheckpointLayout.MANIFEST, checkpointDir.resolve(CheckpointLayout.MANIFEST));
        zip.add("postprocessing.json", store.download(bucket, foldKeys.postprocessing(), folder.resolve("postprocessing.json")));
        zip.add("summary.json", store.download(bucket, foldKeys.validationSummary(), folder.resolve("summary.json")));
        String configKey = run.foldConfig(configuration, fold);
        if (store.exists(bucket, configKey)) {
            String name = "nnunet_fold" + fold + ".yml";
            zip.add(name, store.download(bucket, configKey, folder.resolve(name)));
        }
        Optional<String> progressKey = progressKey(checkpoint, foldKeys);
        if (progressKey.isPresent()) {
            Path csv = store.download(bucket, progressKey.get(), folder.resolve(PROGRESS_CSV));
            if (checkpoint.file(PROGRESS_CSV).isEmpty()) {
                zip.add(PROGRESS_CSV, csv);
            }
            try {
                ProgressLog log = ProgressLog.parse(Files.readString(csv, StandardCharsets.UTF_8), progressKey.get());
                zip.add(PROGRESS_PNG, ProgressPlot.write(log, runId + " " + configuration + " fold "
                        + fold, folder.resolve(PROGRESS_PNG)));
            } catch (IllegalArgumentException e) {
                // a log that cannot be read costs the plot, not the package
                LOG.warnf("no progress plot for %s fold %d of run %s: %s", configuration, fold, runId, e.getMessage());
            }
        }
        return zip;
    }

    /** The fold's training log: in the final checkpoint's folder, else at the fold's top. */
    private Optional<String> progressKey(StoredCheckpoint checkpoint, FoldLayout fold) {
        String bucket = store.buckets().runs();
        for (String key : List.of(checkpoint.layout().prefix() + PROGRESS_CSV, fold.prefix() + PROGRESS_CSV)) {
            if (store.exists(bucket, key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private PackageManifest.PackagedFile upload(Path file, String key) throws IOException {
        store.put(store.buckets().runs(), key, file);
        return new PackageManifest.PackagedFile(file.getFileName().toString(), key, Files.size(file), sha256(file),
                entries(file));
    }

    private static List<PackageManifest.Entry> entries(Path zip) throws IOException {
        List<PackageManifest.Entry> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                MessageDigest md = sha();
                long size = new DigestInputStream(in, md).transferTo(java.io.OutputStream.nullOutputStream());
                out.add(new PackageManifest.Entry(e.getName(), size, HexFormat.of().formatHex(md.digest())));
            }
        }
        return out;
    }

    static String sha256(Path file) throws IOException {
        return StoredCheckpoints.sha256(file);
    }

    static String sha256(byte[] content) {
        return StoredCheckpoints.sha256(content);
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
