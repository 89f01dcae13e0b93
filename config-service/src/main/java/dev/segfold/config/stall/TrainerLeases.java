package dev.segfold.config.stall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.config.projection.FoldState;
import dev.segfold.config.projection.FoldView;
import dev.segfold.config.projection.RunView;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.service.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Finds the folds of a run whose trainer is gone: the fold is being trained (requested, training or
 * checkpointed, not imported) and its lease ({@code <run>/<configuration>/fold<k>/trainer.lease},
 * written by the trainer-service) expired. The lease, not the age of the last progress event, is
 * the evidence: a progress interval can last many minutes on a big network, while a live trainer
 * renews its lease every few seconds. One small GET per fold in training, on each
 * {@code GET /runs/{id}}; a store that does not answer at once says nothing (no fold is called
 * stalled on a guess).
 */
@ApplicationScoped
public class TrainerLeases {
    private static final Logger LOG = Logger.getLogger(TrainerLeases.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final Clock clock;

    @Inject
    public TrainerLeases(ObjectStore store) {
        this(store.withRetryDeadline(Duration.ZERO), Clock.systemUTC());
    }

    TrainerLeases(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The run's view with its stalled folds listed first in {@code waitingFor}. */
    public RunView annotate(RunView view) {
        if (view.state() == null || view.state().terminal()) {
            return view;
        }
        Instant now = clock.instant();
        List<String> stalled = new ArrayList<>();
        for (FoldView fold : view.foldViews()) {
            stalled(view.runId(), fold, now).ifPresent(s -> stalled.add(s.describe(now)));
        }
        if (stalled.isEmpty()) {
            return view;
        }
        List<String> waiting = new ArrayList<>(stalled);
        waiting.addAll(view.waitingFor());
        return view.withWaitingFor(waiting);
    }

    /** The fold, if its trainer let its lease expire. */
    Optional<StalledFold> stalled(String runId, FoldView fold, Instant now) {
        if (fold.imported() || !(fold.state() == FoldState.REQUESTED || fold.state() == FoldState.TRAINING
                || fold.state() == FoldState.CHECKPOINTED)) {
            return Optional.empty();
        }
        String key = RunLayout.of(runId).fold(fold.configuration(), fold.fold()).trainerLease();
        try {
            if (!store.exists(store.buckets().runs(), key)) {
                return Optional.empty(); // not taken yet, or released between two trainers
            }
            return expired(JSON.readTree(store.get(store.buckets().runs(), key)), now)
                    .map(l -> new StalledFold(fold.stage(), fold.fold(), l.holder(), l.expiresAt()));
        } catch (IOException | RuntimeException e) {
            LOG.debugf("lease %s not read: %s", key, e.getMessage());
            return Optional.empty();
        }
    }

    record Lease(String holder, Instant expiresAt) {
    }

    /** The lease if it expired before {@code now}; leases without {@code expiresAt} are never called expired. */
    static Optional<Lease> expired(JsonNode lease, Instant now) {
        if (!lease.hasNonNull("expiresAt") || !lease.hasNonNull("holder")) {
            return Optional.empty();
        }
        try {
            Instant expiresAt = Instant.parse(lease.get("expiresAt").asText());
            return expiresAt.isBefore(now) ? Optional.of(new Lease(lease.get("holder").asText(), expiresAt))
                    : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
