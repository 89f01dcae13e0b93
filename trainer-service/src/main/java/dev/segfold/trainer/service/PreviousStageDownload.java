package dev.segfold.trainer.service;

import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.storage.KeySegments;
import dev.segfold.contracts.storage.ObjectKeys;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.workflow.NextStagePrediction;
import dev.segfold.engine.workflow.PreviousStageMaps;
import dev.segfold.service.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings a cascade fold's previous-stage maps to this machine: the first stage's
 * {@code <previousStagePrefix><case>.npz} of every training case, downloaded into the fold's work
 * folder, so the engine reads them as {@link PreviousStageMaps#folder local maps}. The prefix comes
 * from the request and is only trusted inside the run's own prefix.
 */
final class PreviousStageDownload {
    /** The request field this class reads, named in every message about it. */
    static final String FIELD = "FoldTrainingRequested.previousStagePrefix";
    /** Sub-folder of the fold's work folder that holds the maps ({@code iter_<n>} is the engine's). */
    static final String FOLDER = "previous_stage";

    private final ObjectStore store;
    private final String bucket;
    private final String prefix;

    private PreviousStageDownload(ObjectStore store, String bucket, String prefix) {
        this.store = store;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /**
     * The download for {@code request}, whose configuration must be the cascade's second stage.
     *
     * @throws IllegalArgumentException naming {@link #FIELD} when the prefix is missing, outside
     *     {@code <run>/} or not a folder prefix
     */
    static PreviousStageDownload of(ObjectStore store, String bucket, FoldTrainingRequested request) {
        return new PreviousStageDownload(store, bucket, requirePrefix(request));
    }

    /** The request's previous-stage prefix, checked to be a folder prefix inside {@code <run>/}. */
    static String requirePrefix(FoldTrainingRequested request) {
        RunLayout run = RunLayout.of(request.fold().runId());
        String prefix = request.previousStagePrefix();
        if (prefix == null) {
            throw new IllegalArgumentException(FIELD + " is missing: configuration "
                    + Configuration.CASCADE_FULLRES_3D.id() + " trains on the first stage's next-stage maps and needs"
                    + " their prefix, e.g. " + run.nextStagePrefix(Configuration.LOWRES_3D.id()));
        }
        ObjectKeys.require(FIELD, prefix);
        if (!prefix.startsWith(run.prefix()) || prefix.length() == run.prefix().length()) {
            throw new IllegalArgumentException(FIELD + " " + prefix + " is outside the run's prefix " + run.prefix()
                    + ": a fold only reads maps of its own run");
        }
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException(FIELD + " " + prefix + " must end with '/' (a folder of <case>.npz)");
        }
        return prefix;
    }

    /** The object key of {@code caseId}'s map. */
    String key(String caseId) {
        return prefix + NextStagePrediction.fileName(KeySegments.require("caseId", caseId));
    }

    /**
     * Downloads the maps of {@code caseIds} into {@code folder} and returns them as maps whose read
     * errors name the object key as well as the local file.
     *
     * @throws IOException naming every missing key when the bucket lacks any of them (nothing is
     *     downloaded then)
     */
    PreviousStageMaps download(List<String> caseIds, Path folder) throws IOException {
        Set<String> present = new HashSet<>(store.list(bucket, prefix));
        List<String> missing = caseIds.stream().map(this::key).filter(k -> !present.contains(k))
                .map(k -> bucket + "/" + k).toList();
        if (!missing.isEmpty()) {
            throw new IOException("previous-stage maps missing for " + missing.size() + " of " + caseIds.size()
                    + " training cases: " + String.join(", ", missing) + " (" + FIELD + " " + prefix
                    + "; the first stage's folds that validate these cases have not predicted the next stage yet)");
        }
        for (String caseId : caseIds) {
            store.download(bucket, key(caseId), folder.resolve(NextStagePrediction.fileName(caseId)));
        }
        PreviousStageMaps local = PreviousStageMaps.folder(folder);
        return caseId -> {
            try {
                return local.labels(caseId);
            } catch (IOException e) {
                throw new IOException(bucket + "/" + key(caseId) + ": " + e.getMessage(), e);
            }
        };
    }
}
