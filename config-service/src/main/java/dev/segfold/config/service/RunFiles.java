package dev.segfold.config.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.config.config.ConfigServiceSettings.SubmissionDelivery;
import dev.segfold.config.config.ConfigServiceSettings;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.service.storage.ObjectStore;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Read access to a run's files in the runs bucket for the REST API: {@code run.json}, the per-fold
 * configs, the submission (as a stream, or a short-lived URL signed for the public S3 endpoint).
 * Storage is the source of truth, so a run the projection has not seen (yet) is still found here.
 * Created at start-up so that a redirect without a public endpoint stops the service right away.
 */
@ApplicationScoped
@Startup
public class RunFiles {
    /** The names {@code GET /runs/{id}/configs/{name}} serves. */
    public static final Pattern CONFIG_NAME = Pattern.compile("nnunet_fold[0-9]{1,2}\\.yml");

    private final ObjectStore store;
    private final ConfigServiceSettings settings;

    public RunFiles(ObjectStore store, ConfigServiceSettings settings) {
        this.store = store;
        this.settings = settings;
        SubmissionDelivery delivery = settings.submission();
        if (delivery.mode() == SubmissionDelivery.Mode.REDIRECT && delivery.publicS3Endpoint().isEmpty()) {
            throw new IllegalStateException("segfold.config.submission.mode=redirect needs "
                    + "segfold.config.submission.public-s3-endpoint (SEGFOLD_CONFIG_SUBMISSION_PUBLIC_S3_ENDPOINT): "
                    + "the S3 address the API's callers reach; a URL signed for the services' own endpoint does not "
                    + "work from outside. Or use mode=stream (the default).");
        }
    }

    /** Whether the run's {@code run.json} exists. */
    public boolean exists(String runId) {
        return store.exists(store.buckets().runs(), RunLayout.of(runId).runJson());
    }

    /** The run's {@code run.json}, if stored. */
    public Optional<JsonNode> runJson(String runId) {
        String key = RunLayout.of(runId).runJson();
        if (!store.exists(store.buckets().runs(), key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContractJson.mapper().readTree(store.get(store.buckets().runs(), key)));
        } catch (IOException e) {
            throw new IllegalStateException("run.json of run " + runId + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** The stored config keys of the run: {@code <run>/configs/<configuration>/nnunet_fold<k>.yml}. */
    public List<String> configKeys(String runId) {
        String prefix = RunLayout.of(runId).prefix() + "configs/";
        List<String> keys = new ArrayList<>();
        for (String key : store.list(store.buckets().runs(), prefix)) {
            String rest = key.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0 && CONFIG_NAME.matcher(rest.substring(slash + 1)).matches()) {
                keys.add(key);
            }
        }
        return keys;
    }

    /**
     * The config named {@code name} ({@code nnunet_fold<k>.yml}); with several configurations in
     * the run (a cascade), {@code configuration} chooses, else the first stage's comes first.
     */
    public Optional<byte[]> config(String runId, String configuration, String name) {
        List<String> candidates = new ArrayList<>();
        for (String key : configKeys(runId)) {
            if (key.endsWith("/" + name) && (configuration == null || key.endsWith("/" + configuration + "/" + name))) {
                candidates.add(key);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        // The first stage's configuration is the one named in run.json's stages[0]; lowres sorts before cascade.
        String chosen = candidates.stream().filter(k -> k.contains("/configs/3d_lowres/")).findFirst()
                .orElse(candidates.get(0));
        return Optional.of(store.get(store.buckets().runs(), chosen));
    }

    /** The size of {@code package/submission.zip}, if it exists. */
    public OptionalLong submissionSize(String runId) {
        return store.size(store.buckets().runs(), RunLayout.of(runId).submission());
    }

    /** {@code package/submission.zip} as a stream; the caller closes it. */
    public InputStream openSubmission(String runId) {
        return store.open(store.buckets().runs(), RunLayout.of(runId).submission());
    }

    /**
     * A GET URL of {@code package/submission.zip} signed for the public S3 endpoint, valid for
     * {@code segfold.config.submission.url-validity}: for the one caller that asked, never logged.
     */
    public String submissionUrl(String runId) {
        SubmissionDelivery delivery = settings.submission();
        return store.presignedGet(store.buckets().runs(), RunLayout.of(runId).submission(), delivery.urlValidity(),
                delivery.publicS3Endpoint().orElseThrow());
    }
}
