package dev.segfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.DevStackConfig;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.e2e.ServiceProcesses.Instance;
import java.net.URI;
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
 * Faults during training, with real processes on a real Kafka broker and S3 server (issue 9): a
 * trainer killed with SIGKILL mid-fold is replaced by the other trainer within a minute, losing at
 * most one save interval, and {@code GET /runs/{id}} says the fold's trainer is lost meanwhile; the
 * S3 server stopped for 25 s mid-fold leaves a fold that finishes without a failure, its checkpoints
 * uploaded once the server is back. Only the config-service and trainers run: the faults concern
 * training, and the rest of the pipeline is {@link PipelineEndToEndIT}'s. Tiny network, one fold.
 */
class TrainerFaultsIT {
    static final String DATASET = "FaultShapes";
    static final int SAVE_INTERVAL = 20;
    static final int LOG_INTERVAL = 5;
    static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(60);

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    /** The config-service and two trainers: one to kill, one to take over. */
    private static final List<Instance> TWO_TRAINERS = List.of(Instance.of("config-service"),
            new Instance("trainer-a", "trainer-service", Map.of()), new Instance("trainer-b", "trainer-service", Map.of()));

    @TempDir
    Path tmp;

    @Test
    void aTrainerKilledMidFoldIsTakenOverWithinAMinuteLosingAtMostOneSaveInterval() throws Exception {
        int iterations = 300;
        DevStack stack = DevStack.start(DevStackConfig.forTests());
        try (stack; ServiceProcesses services = ServiceProcesses.start(REPOSITORY, stack, tmp.resolve("services"),
                TWO_TRAINERS);
                StatusTail status = new StatusTail(stack.bootstrapServers())) {
            RunStorage storage = uploadData(stack);
            String runId = submit(services, iterations);
            String lease = RunLayout.of(runId).fold("3d_fullres", 0).trainerLease();

            // mid-fold: a checkpoint in the bucket and progress beyond it
            StatusTail.Received checkpoint = status.await(runId, e -> e instanceof FoldCheckpointed c
                    && !c.finalCheckpoint() && c.iteration() >= 2 * SAVE_INTERVAL, Duration.ofMinutes(4),
                    "second checkpoint", () -> StatusEvents.logs(services));
            int checkpointed = ((FoldCheckpointed) checkpoint.event()).iteration();
            status.await(runId, e -> e instanceof FoldProgress p && p.iteration() > checkpointed
                    && p.iteration() % SAVE_INTERVAL != 0, Duration.ofMinutes(2), "progress past the checkpoint",
                    () -> StatusEvents.logs(services));
            String holder = holder(storage, lease);
            String victim = holder.startsWith("trainer-a") ? "trainer-a" : "trainer-b";
            String survivor = victim.equals("trainer-a") ? "trainer-b" : "trainer-a";
            services.kill(victim);
            Instant killedAt = Instant.now();
            Thread.sleep(1000); // events the victim sent just before it died arrive here meanwhile
            Instant afterKill = Instant.now();
            int reached = maxProgress(status, runId);
            int newestCheckpoint = status.of(runId, e -> e instanceof FoldCheckpointed).stream()
                    .mapToInt(r -> ((FoldCheckpointed) r.event()).iteration()).max().orElseThrow();

            // the user is told while nobody trains the fold
            boolean shownStalled = false;
            Instant takenAt = null;
            while (Duration.between(killedAt, Instant.now()).compareTo(Duration.ofSeconds(90)) < 0) {
                String nowHolder = holder(storage, lease);
                if (nowHolder != null && nowHolder.startsWith(survivor)) {
                    takenAt = Instant.now();
                    break;
                }
                shownStalled |= waitingFor(services, runId).stream().anyMatch(w -> w.startsWith("stage 0 fold 0: "
                        + "trainer lost") && w.endsWith("awaiting takeover"));
                Thread.sleep(300);
            }
            assertTrue(takenAt != null, "the lease went to " + survivor + "\n" + StatusEvents.logs(services));
            StatusTail.Received resumed = null;
            for (int i = 0; resumed == null && i < 180; i++) {
                resumed = status.of(runId, e -> e instanceof FoldProgress).stream()
                        .filter(r -> r.at().isAfter(afterKill)).findFirst().orElse(null);
                Thread.sleep(resumed == null ? 500 : 0);
            }
            assertTrue(resumed != null, "training resumed after the kill\n" + StatusEvents.logs(services));
            int firstAfter = ((FoldProgress) resumed.event()).iteration();

            StatusTail.Received done = status.await(runId, e -> e instanceof FoldCheckpointed c && c.finalCheckpoint(),
                    Duration.ofMinutes(5), "final checkpoint", () -> StatusEvents.logs(services));
            Duration takeover = Duration.between(killedAt, resumed.at());
            int lost = reached - newestCheckpoint;
            System.out.printf("[faults] SIGKILL of %s at iteration %d (newest checkpoint %d, save interval %d): lease "
                    + "taken by %s after %.1f s, training resumed at iteration %d after %.1f s, %d iterations lost, "
                    + "stalled shown: %s%n", victim, reached, newestCheckpoint, SAVE_INTERVAL, survivor,
                    Duration.between(killedAt, takenAt).toMillis() / 1000.0, firstAfter,
                    takeover.toMillis() / 1000.0, lost, shownStalled);

            assertTrue(takeover.compareTo(TAKEOVER_LIMIT) < 0, "resumed " + takeover + " after the kill");
            assertTrue(firstAfter > newestCheckpoint && firstAfter <= newestCheckpoint + LOG_INTERVAL,
                    "resumed from the newest checkpoint " + newestCheckpoint + ", first progress " + firstAfter);
            assertTrue(lost <= SAVE_INTERVAL, lost + " iterations lost");
            assertTrue(shownStalled, "GET /runs/{id} said the fold's trainer was lost before the takeover");
            assertEquals(List.of(), status.of(runId, e -> e instanceof FoldFailed), "no fold failed");
            assertEquals(iterations, ((FoldCheckpointed) done.event()).iteration());
            CheckpointManifest last = ContractJson.read(storage.getOrNull(((FoldCheckpointed) done.event())
                    .manifestKey()), CheckpointManifest.class);
            assertTrue(last.finalCheckpoint());
        }
    }

    @Test
    void aTrainerStoppedWithSigtermCheckpointsAndHandsItsFoldOverLosingNothing() throws Exception {
        int iterations = 300;
        DevStack stack = DevStack.start(DevStackConfig.forTests());
        try (stack; ServiceProcesses services = ServiceProcesses.start(REPOSITORY, stack, tmp.resolve("services"),
                TWO_TRAINERS);
                StatusTail status = new StatusTail(stack.bootstrapServers())) {
            RunStorage storage = uploadData(stack);
            String runId = submit(services, iterations);
            String foldPrefix = RunLayout.of(runId).fold("3d_fullres", 0).prefix();
            String lease = RunLayout.of(runId).fold("3d_fullres", 0).trainerLease();
            StatusTail.Received checkpoint = status.await(runId, e -> e instanceof FoldCheckpointed c
                    && !c.finalCheckpoint() && c.iteration() >= SAVE_INTERVAL, Duration.ofMinutes(4),
                    "first checkpoint", () -> StatusEvents.logs(services));
            int checkpointed = ((FoldCheckpointed) checkpoint.event()).iteration();
            status.await(runId, e -> e instanceof FoldProgress p && p.iteration() > checkpointed
                    && p.iteration() % SAVE_INTERVAL != 0, Duration.ofMinutes(2), "progress past the checkpoint",
                    () -> StatusEvents.logs(services));
            String victim = holder(storage, lease).startsWith("trainer-a") ? "trainer-a" : "trainer-b";

            Instant stoppedAt = Instant.now();
            services.terminate(victim, Duration.ofSeconds(90));
            Duration exit = Duration.between(stoppedAt, Instant.now());
            Instant afterStop = Instant.now();
            int reached = maxProgress(status, runId);
            int saved = newestComplete(storage, foldPrefix);
            StatusTail.Received resumed = null;
            for (int i = 0; resumed == null && i < 180; i++) {
                resumed = status.of(runId, e -> e instanceof FoldProgress).stream()
                        .filter(r -> r.at().isAfter(afterStop)).findFirst().orElse(null);
                Thread.sleep(resumed == null ? 500 : 0);
            }
            assertTrue(resumed != null, "training resumed after SIGTERM\n" + StatusEvents.logs(services));
            int firstAfter = ((FoldProgress) resumed.event()).iteration();
            StatusTail.Received done = status.await(runId, e -> e instanceof FoldCheckpointed c && c.finalCheckpoint(),
                    Duration.ofMinutes(5), "final checkpoint", () -> StatusEvents.logs(services));
            Duration takeover = Duration.between(stoppedAt, resumed.at());
            System.out.printf("[faults] SIGTERM of %s at iteration %d: exited after %.1f s with checkpoint %d in the "
                    + "bucket, training resumed at iteration %d after %.1f s, %d iterations lost%n", victim, reached,
                    exit.toMillis() / 1000.0, saved, firstAfter, takeover.toMillis() / 1000.0,
                    Math.max(0, reached - saved));

            assertTrue(saved >= reached, "the iteration reached (" + reached + ") was checkpointed: " + saved);
            assertTrue(firstAfter > saved && firstAfter <= saved + LOG_INTERVAL,
                    "resumed from " + saved + ", first progress " + firstAfter);
            assertTrue(takeover.compareTo(Duration.ofSeconds(45)) < 0, "no wait for the lease to expire: " + takeover);
            assertEquals(List.of(), status.of(runId, e -> e instanceof FoldFailed), "no fold failed");
            assertEquals(iterations, ((FoldCheckpointed) done.event()).iteration());
        }
    }

    /** The newest iteration under a fold prefix whose manifest exists. */
    private static int newestComplete(RunStorage storage, String foldPrefix) throws Exception {
        return storage.list(foldPrefix).stream().filter(k -> k.endsWith("/checkpoint.json"))
                .map(k -> k.substring(foldPrefix.length()))
                .filter(k -> k.startsWith("iter_"))
                .mapToInt(k -> Integer.parseInt(k.substring("iter_".length(), k.indexOf('/'))))
                .max().orElse(-1);
    }

    @Test
    void aFoldOutlivesTheObjectStoreBeingAwayFor25Seconds() throws Exception {
        int iterations = 400;
        DevStack stack = DevStack.start(DevStackConfig.forTests());
        try (stack; ServiceProcesses services = ServiceProcesses.start(REPOSITORY, stack, tmp.resolve("services"),
                List.of(Instance.of("config-service"), new Instance("trainer-a", "trainer-service", Map.of())));
                StatusTail status = new StatusTail(stack.bootstrapServers())) {
            RunStorage storage = uploadData(stack);
            String runId = submit(services, iterations);
            status.await(runId, e -> e instanceof FoldCheckpointed c && c.iteration() >= SAVE_INTERVAL,
                    Duration.ofMinutes(4), "first checkpoint", () -> StatusEvents.logs(services));

            stack.stopS3();
            Instant stoppedAt = Instant.now();
            int atStop = maxProgress(status, runId);
            Thread.sleep(25_000);
            int duringOutage = maxProgress(status, runId);
            int checkpointedDuringOutage = status.of(runId, e -> e instanceof FoldCheckpointed).stream()
                    .filter(r -> r.at().isAfter(stoppedAt)).toList().size();
            stack.restartS3();
            Instant restartedAt = Instant.now();

            StatusTail.Received done = status.await(runId, e -> e instanceof FoldCheckpointed c && c.finalCheckpoint(),
                    Duration.ofMinutes(5), "final checkpoint", () -> StatusEvents.logs(services));
            List<StatusTail.Received> afterRestart = status.of(runId, e -> e instanceof FoldCheckpointed).stream()
                    .filter(r -> r.at().isAfter(restartedAt)).toList();
            System.out.printf("[faults] S3 away 25 s from iteration %d: training reached iteration %d meanwhile, "
                    + "%d checkpoints announced during the outage, %d after it; final checkpoint %.1f s after the "
                    + "restart%n", atStop, duringOutage, checkpointedDuringOutage, afterRestart.size(),
                    Duration.between(restartedAt, done.at()).toMillis() / 1000.0);

            assertEquals(List.of(), status.of(runId, e -> e instanceof FoldFailed), "no fold failed");
            assertTrue(duringOutage > atStop, "training went on while storage was away: " + atStop + " -> "
                    + duringOutage);
            assertEquals(iterations, ((FoldCheckpointed) done.event()).iteration());
            // every checkpoint written while the store was away reached it afterwards, manifest last
            int firstAfterOutage = afterRestart.stream().mapToInt(r -> ((FoldCheckpointed) r.event()).iteration())
                    .min().orElseThrow();
            assertTrue(firstAfterOutage <= ((atStop / SAVE_INTERVAL) + 1) * SAVE_INTERVAL,
                    "the checkpoint due during the outage was uploaded after it, first was " + firstAfterOutage);
            CheckpointManifest last = ContractJson.read(storage.getOrNull(((FoldCheckpointed) done.event())
                    .manifestKey()), CheckpointManifest.class);
            for (var file : last.files()) {
                assertTrue(storage.getOrNull(last.layout().file(file.name())) != null, file.name() + " uploaded");
            }
        }
    }

    private RunStorage uploadData(DevStack stack) throws Exception {
        RunStorage storage = new RunStorage(stack);
        Path data = tmp.resolve("data");
        SyntheticDatasetGenerator.builder().trainingCases(6).optTestCases(1).optShape(16, 20, 16).optSeed(5)
                .build().generate(data);
        storage.uploadDataset(DATASET, data);
        return storage;
    }

    private static String submit(ServiceProcesses services, int iterations) throws Exception {
        return services.submit("""
                {"dataset": "%s", "folds": [0], "iterations": %d, "saveInterval": %d, "logInterval": %d,
                 "batchSize": 2, "network": {"baseFeatures": 4, "maxPools": 2}}
                """.formatted(DATASET, iterations, SAVE_INTERVAL, LOG_INTERVAL));
    }

    private static String holder(RunStorage storage, String leaseKey) throws Exception {
        byte[] lease = storage.getOrNull(leaseKey);
        return lease == null ? null : new ObjectMapper().readTree(lease).path("holder").asText(null);
    }

    private static int maxProgress(StatusTail status, String runId) {
        return status.of(runId, e -> e instanceof FoldProgress).stream()
                .mapToInt(r -> ((FoldProgress) r.event()).iteration()).max().orElse(0);
    }

    private static List<String> waitingFor(ServiceProcesses services, String runId) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(services.api() + "/runs/" + runId)).header("Authorization", services.bearer())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode view = new ObjectMapper().readTree(r.body());
        return java.util.stream.StreamSupport.stream(view.path("waitingFor").spliterator(), false)
                .map(JsonNode::asText).toList();
    }
}
