package dev.segfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.SubmissionReady;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.devstack.junit.DevStackProcess;
import dev.segfold.e2e.ServiceProcesses.Instance;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole devstack (Kafka and S3 in one process) killed with SIGKILL mid-fold and started again
 * 30 s later on the same data, as {@code ./segfold up} does after a crash (issue 9): the five
 * services keep running, wait the outage out and the run ends with its submission, no fold failed,
 * the final checkpoint evaluated once. Works because the devstack keeps its credentials, ports and
 * data, and queues bucket notifications on disk.
 */
class StackOutageIT {
    static final String DATASET = "OutageShapes";
    static final int ITERATIONS = 300;
    static final int SAVE_INTERVAL = 20;
    static final Duration OUTAGE = Duration.ofSeconds(30);

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void theDevstackKilledFor30SecondsMidFoldLeavesARunThatFinishesWithNoFoldFailed() throws Exception {
        try (DevStackProcess devstack = DevStackProcess.start(tmp.resolve("devstack-data"),
                tmp.resolve("devstack.properties"), tmp.resolve("devstack.log"), Map.of(),
                "--suffix", "segfold-runs=checkpoint.json");
                ServiceProcesses services = ServiceProcesses.start(REPOSITORY, devstack.endpoints(),
                        tmp.resolve("services"), ServiceProcesses.SERVICES.stream().map(Instance::of).toList());
                StatusTail status = new StatusTail(devstack.endpoints().bootstrapServers())) {
            RunStorage storage = new RunStorage(devstack.endpoints());
            Path data = tmp.resolve("data");
            SyntheticDatasetGenerator.builder().trainingCases(6).optTestCases(1).optShape(16, 20, 16).optSeed(7)
                    .build().generate(data);
            storage.uploadDataset(DATASET, data);
            String runId = submit(services);

            status.await(runId, e -> e instanceof FoldCheckpointed c && !c.finalCheckpoint()
                    && c.iteration() >= SAVE_INTERVAL, Duration.ofMinutes(4), "first checkpoint",
                    () -> StatusEvents.logs(services) + devstack.log());
            int atKill = maxProgress(status, runId);
            devstack.kill();
            Instant killedAt = Instant.now();
            Thread.sleep(OUTAGE.toMillis()); // the fault itself: nothing answers for 30 s
            devstack.launch();
            Instant restartedAt = Instant.now();

            StatusTail.Received submission = status.await(runId, e -> e instanceof SubmissionReady || e instanceof RunFailed,
                    Duration.ofMinutes(10), "the submission", () -> StatusEvents.logs(services) + devstack.log());
            // by the time the trainer stamped them: the events of the outage reach Kafka after it
            int duringOutage = status.of(runId, e -> e instanceof FoldProgress).stream()
                    .filter(r -> r.event().time().isBefore(restartedAt))
                    .mapToInt(r -> ((FoldProgress) r.event()).iteration()).max().orElse(0);
            List<StatusTail.Received> evaluations = status.of(runId, e -> e instanceof FoldEvaluated);
            System.out.printf("[faults] devstack (Kafka + S3) SIGKILLed at iteration %d, started again after %.1f s "
                    + "(up %.1f s after the kill); training reached iteration %d meanwhile; submission %.1f s after the "
                    + "restart; %d FoldFailed, %d evaluation(s) of the final checkpoint%n", atKill,
                    OUTAGE.toMillis() / 1000.0, Duration.between(killedAt, restartedAt).toMillis() / 1000.0,
                    duringOutage, Duration.between(restartedAt, submission.at()).toMillis() / 1000.0,
                    status.of(runId, e -> e instanceof FoldFailed).size(), evaluations.size());

            assertTrue(submission.event() instanceof SubmissionReady, "the run ended with " + submission.event()
                    + "\n" + StatusEvents.logs(services));
            assertEquals(List.of(), status.of(runId, e -> e instanceof FoldFailed), "no fold failed");
            FoldCheckpointed last = (FoldCheckpointed) status.await(runId, e -> e instanceof FoldCheckpointed c
                    && c.finalCheckpoint(), Duration.ofSeconds(10), "final checkpoint", () -> "").event();
            assertEquals(ITERATIONS, last.iteration());
            assertEquals(1, evaluations.size(), "the final checkpoint evaluated once: " + evaluations);
            JsonNode view = ContractJson.mapper().readTree(get(services, "/runs/" + runId));
            assertEquals("COMPLETED", view.path("state").asText(), view.toString());
            // the best checkpoint was validated during training (maybe during the outage) and reached the store
            assertTrue(storage.getOrNull(RunLayout.of(runId).fold("3d_fullres", 0).bestManifest())
                    != null, "best/checkpoint.json uploaded");
        }
    }

    private static String submit(ServiceProcesses services) throws Exception {
        return services.submit("""
                {"dataset": "%s", "folds": [0], "iterations": %d, "saveInterval": %d, "logInterval": 5,
                 "batchSize": 2, "network": {"baseFeatures": 4, "maxPools": 2},
                 "epochIterations": 40, "validationBatches": 2}
                """.formatted(DATASET, ITERATIONS, SAVE_INTERVAL));
    }

    private static String get(ServiceProcesses services, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(services.api().resolve(path))
                .header("Authorization", services.bearer()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static int maxProgress(StatusTail status, String runId) {
        return status.of(runId, e -> e instanceof FoldProgress).stream()
                .mapToInt(r -> ((FoldProgress) r.event()).iteration()).max().orElse(0);
    }
}
