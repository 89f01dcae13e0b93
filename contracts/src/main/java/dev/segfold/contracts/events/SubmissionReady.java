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
 * @param downloadUrl    a presigned GET URL of the submission for a person without credentials, or null
 * @param urlExpiresAt   when {@code downloadUrl} stops working, or null
 */
public record SubmissionReady(String runId, String submissionKey, long sizeBytes, String sha256,
                              List<String> foldBundleKeys, Instant time, String downloadUrl,
                              Instant urlExpiresAt) implements RunEvent {

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
        if (downloadUrl != null && !downloadUrl.matches("https?://\\S+")) {
            throw new IllegalArgumentException("SubmissionReady.downloadUrl must be an http(s) URL");
        }
        if ((downloadUrl == null) != (urlExpiresAt == null)) {
            throw new IllegalArgumentException("SubmissionReady.downloadUrl and urlExpiresAt come together");
        }
    }

    /** Without a download URL (the form before presigned URLs were added). */
    public SubmissionReady(String runId, String submissionKey, long sizeBytes, String sha256,
                           List<String> foldBundleKeys, Instant time) {
        this(runId, submissionKey, sizeBytes, sha256, foldBundleKeys, time, null, null);
    }

    @Override
    public EventType type() {
        return EventType.SUBMISSION_READY;
    }
}
