package dev.segfold.config.projection;

import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.storage.Buckets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The status projection: every status event of {@code segfold.status} folded into one view per run
 * (DESIGN §5). Pure state, no Kafka: the consumer feeds it, and a new instance fed the topic from
 * the beginning rebuilds the same views, which is how a restart recovers. Delivery is
 * at-least-once, so an event whose CloudEvents id was seen is skipped.
 *
 * <p>Thread-safe: one lock guards every run; listeners are called under it, in event order, and
 * must not block.
 */
public final class RunProjection {
    /** {@code RunFailed.reason} of a cancelled run starts with this. */
    public static final String CANCELLED_PREFIX = "cancelled: ";

    private final int historyLimit;
    private final String runsBucket;
    private final Map<String, Entry> runs = new HashMap<>();
    /** Views of runs from their stored objects, shown where no status event of the run was seen. */
    private final Map<String, RunView> stored = new HashMap<>();

    /** @param historyLimit status events kept per run for replay to new listeners */
    public RunProjection(int historyLimit) {
        this(historyLimit, Buckets.DEFAULT_RUNS);
    }

    /**
     * @param historyLimit status events kept per run for replay to new listeners
     * @param runsBucket   the runs bucket, named where a view says where to upload a checkpoint
     */
    public RunProjection(int historyLimit, String runsBucket) {
        this.runsBucket = java.util.Objects.requireNonNull(runsBucket, "runsBucket");
        if (historyLimit < 0) {
            throw new IllegalArgumentException("historyLimit " + historyLimit + " is negative");
        }
        this.historyLimit = historyLimit;
    }

    /** Whether a {@code RunFailed} reason marks a cancellation. */
    public static boolean isCancellation(String reason) {
        return reason != null && reason.startsWith(CANCELLED_PREFIX);
    }

    /**
     * Applies one status event.
     *
     * @return false if the event's id was applied before
     * @throws IllegalArgumentException if the envelope's data is not a valid event of its type
     */
    public boolean apply(StatusEnvelope envelope) {
        SegfoldEvent event = envelope.event();
        synchronized (this) {
            Entry entry = runs.computeIfAbsent(event.runId(), id -> new Entry(new ProjectedRun(id, runsBucket)));
            if (!entry.seen.add(envelope.id())) {
                return false;
            }
            entry.run.apply(event);
            if (historyLimit > 0) {
                if (entry.history.size() == historyLimit) {
                    entry.seen.remove(entry.history.removeFirst().id());
                }
                entry.history.addLast(envelope);
            }
            for (Consumer<StatusEnvelope> listener : entry.listeners) {
                listener.accept(envelope);
            }
            return true;
        }
    }

    /**
     * Remembers a run's view made from its stored objects ({@link StoredRunViews}): listed and
     * answered while no status event of the run is applied, replaced by the events' view after.
     */
    public synchronized void remember(RunView storedView) {
        stored.put(storedView.runId(), storedView);
    }

    /** The view of one run: from its status events, else from its stored objects. */
    public synchronized Optional<RunView> run(String runId) {
        Entry entry = runs.get(runId);
        return entry == null || entry.run.events == 0 ? Optional.ofNullable(stored.get(runId))
                : Optional.of(entry.run.view());
    }

    /** Whether a status event of the run was applied. */
    public synchronized boolean hasEvents(String runId) {
        Entry entry = runs.get(runId);
        return entry != null && entry.run.events > 0;
    }

    /** Every run, from its events or else its stored objects, newest request first. */
    public synchronized List<RunView> runs() {
        List<RunView> views = new ArrayList<>();
        runs.values().stream().filter(e -> e.run.events > 0).forEach(e -> views.add(e.run.view()));
        stored.forEach((id, view) -> {
            if (!hasEvents(id)) {
                views.add(view);
            }
        });
        views.sort(Comparator.comparing(RunView::runId).reversed());
        return views;
    }

    /**
     * Replays the run's kept events to {@code listener}, then sends it every new one, until the
     * returned handle is closed. Replay and registration happen under the lock, so no event is
     * missed or sent twice.
     */
    public synchronized AutoCloseable subscribe(String runId, Consumer<StatusEnvelope> listener) {
        Entry entry = runs.computeIfAbsent(runId, id -> new Entry(new ProjectedRun(id, runsBucket)));
        entry.history.forEach(listener);
        entry.listeners.add(listener);
        return () -> entry.listeners.remove(listener);
    }

    private static final class Entry {
        final ProjectedRun run;
        final Deque<StatusEnvelope> history = new ArrayDeque<>();
        // Ids of the kept history; an older duplicate is rare and only re-applies a known state.
        final Set<String> seen = new LinkedHashSet<>();
        final List<Consumer<StatusEnvelope>> listeners = new CopyOnWriteArrayList<>();

        Entry(ProjectedRun run) {
            this.run = run;
        }
    }
}
