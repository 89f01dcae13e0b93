package dev.segfold.trainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.service.storage.ObjectStoreException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints wait in the outbox while the store is away and go out in order once it is back. */
class CheckpointOutboxTest {

    private static Path checkpoint(Path root, int iteration) throws Exception {
        Path dir = Files.createDirectories(root.resolve("checkpoints/iter_" + iteration));
        Files.writeString(dir.resolve("model.params"), "weights " + iteration);
        Files.writeString(dir.resolve("checkpoint.json"), "{}");
        return dir;
    }

    @Test
    void waitsThroughTransientFailuresAndUploadsInOrderFromLinksThatSurviveLocalPruning(@TempDir Path tmp)
            throws Exception {
        List<String> uploaded = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(3);
        try (CheckpointOutbox outbox = new CheckpointOutbox(tmp.resolve("outbox"), Duration.ofMillis(50), p -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new ObjectStoreException("segfold-runs", "k", new ConnectException("Connection refused"));
            }
            try {
                uploaded.add(p.iteration() + ":" + Files.readString(p.folder().resolve("model.params")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "test")) {
            for (int iteration : List.of(20, 40)) {
                Path local = checkpoint(tmp, iteration);
                Path staged = outbox.stage(local, iteration);
                // the engine prunes its local copy: the staged links keep the bytes
                Files.delete(local.resolve("model.params"));
                outbox.submit(new CheckpointOutbox.Pending(iteration, iteration == 40, staged, null));
            }
            assertTrue(outbox.awaitEmpty(Duration.ofSeconds(20)));
            assertEquals(List.of("20:weights 20", "40:weights 40"), uploaded, "oldest first, each once");
            assertTrue(outbox.failure().isEmpty());
            assertFalse(Files.exists(tmp.resolve("outbox/iter_20")), "an uploaded entry is removed");
        }
    }

    @Test
    void aRefusalStopsTheOutboxAndIsReported(@TempDir Path tmp) throws Exception {
        try (CheckpointOutbox outbox = new CheckpointOutbox(tmp.resolve("outbox"), Duration.ofMillis(50), p -> {
            throw new ObjectStoreException("segfold-runs", "k", new IllegalStateException("AccessDenied"), false);
        }, "test")) {
            Path staged = outbox.stage(checkpoint(tmp, 5), 5);
            outbox.submit(new CheckpointOutbox.Pending(5, false, staged, null));
            assertFalse(outbox.awaitEmpty(Duration.ofSeconds(10)));
            assertTrue(outbox.failure().orElseThrow().getMessage().contains("AccessDenied"));
            assertEquals(List.of(5), outbox.waiting());
        }
    }

    @Test
    void aLostLeaseStopsUploading(@TempDir Path tmp) throws Exception {
        try (CheckpointOutbox outbox = new CheckpointOutbox(tmp.resolve("outbox"), Duration.ofMillis(50), p -> {
            throw new LeaseLostException("taken over");
        }, "test")) {
            outbox.submit(new CheckpointOutbox.Pending(5, false, outbox.stage(checkpoint(tmp, 5), 5), null));
            assertFalse(outbox.awaitEmpty(Duration.ofSeconds(10)));
            assertTrue(outbox.failure().orElseThrow() instanceof LeaseLostException);
        }
    }
}
