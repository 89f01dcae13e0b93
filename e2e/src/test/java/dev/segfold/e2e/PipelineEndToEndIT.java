package dev.segfold.e2e;

import static dev.segfold.e2e.StatusEvents.indexOf;
import static dev.segfold.e2e.StatusEvents.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.events.SubmissionReady;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.DevStackConfig;
import dev.segfold.devstack.s3.NotificationFilter;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            RunStorage storage = new RunStorage(stack);
            Path data = tmp.resolve("data");
            SyntheticDatasetGenerator.builder().trainingCases(8).optTestCases(2).optShape(16, 20, 16).optSeed(3)
                    .build().generate(data);
            storage.uploadDataset(DATASET, data);

            String runId = submit(services.api(), services.bearer());
            storage.trainElsewhereAndImport(runId, data, tmp.resolve("elsewhere"), Configuration.FULLRES_3D, 0, 2,
                    ITERATIONS);

            List<SegfoldEvent> events = StatusEvents.untilSubmission(stack.bootstrapServers(), runId,
                    Duration.ofMinutes(12), services);
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

            Path zip = storage.downloadTo(RunLayout.of(runId).submission(), tmp.resolve("submission.zip"));
            RunStorage.checkSubmission(zip, MsdDataset.open(data));

            // the user's way: through the API with a token; without one the API answers 401
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> viaApi = http.send(HttpRequest.newBuilder(services.api().resolve("/runs/" + runId
                    + "/submission")).header("Authorization", services.bearer()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, viaApi.statusCode());
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(zip), viaApi.body()), "the API streams the stored zip");
            assertEquals(401, http.send(HttpRequest.newBuilder(services.api().resolve("/runs")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    private static String submit(URI api, String bearer) throws Exception {
        String body = """
                {"dataset": "%s", "folds": [0, 1], "importedFolds": [2], "iterations": %d, "saveInterval": 5,
                 "logInterval": 5, "batchSize": 2, "network": {"baseFeatures": 4, "maxPools": 2},
                 "epochIterations": 5, "validationBatches": 2}
                """.formatted(DATASET, ITERATIONS);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve("/runs"))
                .header("Content-Type", "application/json").header("Authorization", bearer).POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
