package dev.segfold.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * The run's end product is stored: the submission archive and one bundle per fold.
 *
 * @param runId          the run
 * @param submissionKey  key of {@code package/submission.zip}
 * @param sizeBytes      its size
 * @param sha256         its SHA-256, lowercase hex
 * @param foldBundleKeys keys of {@code package/fold<k>.zip}
 * @param time           when
 *
 * <p>It carries no download URL: a presigned URL is a bearer credential (whoever holds it reads the
 * file until it expires), and status events are kept on the topic and replayed to every reader.
 * People download through {@code GET /runs/{id}/submission}, which checks their token. Events
 * written before this rule may still hold {@code downloadUrl}; reading drops it.
 */
public record SubmissionReady(String runId, String submissionKey, long sizeBytes, String sha256,
                              List<String> foldBundleKeys, Instant time) implements RunEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.run.submission-ready";

    /** Validates keys, size and digest. */
    public SubmissionReady {
        Require.segment("SubmissionReady", "runId", runId);
        Require.key("SubmissionReady", "submissionKey", submissionKey);
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("SubmissionReady.sizeBytes " + sizeBytes + " is negative");
        }
        Require.sha256("SubmissionReady", "sha256", sha256);
        foldBundleKeys = List.copyOf(Require.present("SubmissionReady", "foldBundleKeys", foldBundleKeys));
        foldBundleKeys.forEach(k -> Require.key("SubmissionReady", "foldBundleKeys element", k));
        Require.present("SubmissionReady", "time", time);
    }

    @Override
    public EventType type() {
        return EventType.SUBMISSION_READY;
    }
}
