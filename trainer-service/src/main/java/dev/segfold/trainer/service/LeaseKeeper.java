package dev.segfold.trainer.service;

import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.storage.ObjectStoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * This trainer's {@link FoldLease} on one fold.
 *
 * <p>Why this protocol: the devstack's S3 server (S3Proxy 2.6.0) ignores {@code If-None-Match} and
 * {@code If-Match} on PUT, so the lease cannot be a compare-and-set. Taking it is instead "look,
 * write, wait, look again" (Fischer's mutual exclusion): a trainer that finds no live lease writes
 * one with the next generation, waits {@code settle} and reads it back; of several trainers that
 * raced, only the last writer finds its own name and generation and trains, the others go back to
 * waiting. That holds as long as a lease write lands within {@code settle} of the read that
 * preceded it, so a write slower than {@code settle} counts as not taken. Should a slow write still
 * land after a rival's read-back, both believe they hold it until the next renewal or manifest check
 * of the earlier one finds the other's generation and stops it. The generation is then the
 * fencing token: the lease is renewed on its own timer only while it still names this holder and
 * generation, and {@link #checkHeld()} is called before every manifest write, so a trainer that was
 * stalled past its time to live and taken over stops instead of writing over its successor.
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

    /** Timing of the lease: see {@code TrainerConfig}. */
    record Timing(Duration ttl, Duration renewInterval, Duration settle) {
        Timing {
            if (renewInterval.compareTo(ttl) >= 0 || renewInterval.isZero() || renewInterval.isNegative()) {
                throw new IllegalArgumentException("segfold.trainer.lease-renew-interval " + renewInterval
                        + " must be positive and shorter than segfold.trainer.lease-ttl " + ttl);
            }
        }
    }

    /** Sleeps; replaced in tests. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final ObjectStore store;
    private final String bucket;
    private final String key;
    private final String holder;
    private final Timing timing;
    private final Clock clock;
    private final Sleeper sleeper;
    private volatile long generation = -1;
    private volatile boolean lost;
    private boolean renewFailing;
    private ScheduledExecutorService timer;

    /**
     * @param store a store whose retries end well within the renew interval: a renewal that waits
     *              minutes for one attempt is no renewal
     */
    LeaseKeeper(ObjectStore store, String bucket, FoldId fold, String holder, Timing timing, Clock clock,
            Sleeper sleeper) {
        this.store = store;
        this.bucket = bucket;
        this.key = fold.layout().trainerLease();
        this.holder = holder;
        this.timing = timing;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The lease in the bucket; an unreadable one counts as absent. */
    Optional<FoldLease> current() {
        if (!store.exists(bucket, key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContractJson.read(store.get(bucket, key), FoldLease.class));
        } catch (ObjectStoreException e) {
            if (!e.transientFailure()) {
                return Optional.empty(); // deleted between the two calls
            }
            throw e;
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s/%s is not a lease, taking it over: %s", bucket, key, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Takes the lease unless another live trainer holds it or wins the race; returns whether this
     * trainer holds it now. Storage errors are thrown: the caller decides whether to wait.
     */
    boolean tryAcquire() throws InterruptedException {
        Optional<FoldLease> found = current();
        Instant now = clock.instant();
        if (FoldLease.heldByOther(found, holder, now, timing.ttl())) {
            return false;
        }
        long next = found.map(FoldLease::generation).orElse(0L) + 1;
        long started = System.nanoTime();
        write(FoldLease.of(holder, next, now, timing.ttl()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (took.compareTo(timing.settle()) > 0) {
            LOG.infof("%s/%s: writing the lease took %s, too long to be sure of it; trying again later", bucket,
                    key, took);
            return false;
        }
        sleeper.sleep(timing.settle());
        Optional<FoldLease> after = current();
        if (after.isEmpty() || !after.get().is(holder, next)) {
            LOG.infof("%s/%s: another trainer took the lease at the same time (%s), waiting", bucket, key,
                    after.map(l -> l.holder() + " generation " + l.generation()).orElse("now deleted"));
            return false;
        }
        generation = next;
        lost = false;
        if (found.isPresent() && !found.get().holder().equals(holder)) {
            LOG.infof("%s/%s: took over from %s, whose lease was last renewed %s ago (generation %d)", bucket, key,
                    found.get().holder(), found.get().age(now).withNanos(0), next);
        }
        return true;
    }

    /** Starts renewing every {@code renewInterval} on a timer thread of its own, until {@link #close()}. */
    synchronized void startRenewing() {
        if (generation < 0) {
            throw new IllegalStateException("the lease " + key + " is not held");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-" + key);
            t.setDaemon(true);
            return t;
        });
        long every = timing.renewInterval().toMillis();
        timer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** One renewal: only while the lease still names this holder and generation. */
    void renew() {
        if (lost) {
            return;
        }
        try {
            Optional<FoldLease> found = current();
            if (found.isEmpty() || !found.get().is(holder, generation)) {
                markLost("the lease now " + found.map(l -> "names " + l.holder() + " generation " + l.generation())
                        .orElse("is gone"));
                return;
            }
            Instant now = clock.instant();
            write(FoldLease.of(holder, generation, now, timing.ttl()));
            if (renewFailing) {
                LOG.infof("%s/%s: renewed again", bucket, key);
                renewFailing = false;
            }
        } catch (ObjectStoreException e) {
            // training goes on while storage is away; the next renewal, or the check before the next
            // manifest, finds out whether another trainer took the fold meanwhile
            if (!renewFailing) {
                LOG.warnf("%s/%s could not be renewed (%s); training goes on, renewing every %s", bucket, key,
                        e.getMessage(), timing.renewInterval());
                renewFailing = true;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s/%s: renewal failed", bucket, key);
        }
    }

    /**
     * The fencing check before a manifest write: reads the lease and throws if it no longer names
     * this holder and generation. Storage errors are thrown as they are (try again later).
     */
    void checkHeld() {
        if (lost) {
            throw new LeaseLostException(bucket + "/" + key + " was lost to another trainer");
        }
        Optional<FoldLease> found = current();
        if (found.isEmpty() || !found.get().is(holder, generation)) {
            String why = "the lease now " + found.map(l -> "names " + l.holder() + " generation " + l.generation())
                    .orElse("is gone");
            markLost(why);
            throw new LeaseLostException(bucket + "/" + key + ": " + why + ", not " + holder + " generation "
                    + generation);
        }
    }

    private void markLost(String why) {
        lost = true;
        LOG.warnf("%s/%s: %s; this trainer (%s, generation %d) stops training the fold", bucket, key, why, holder,
                generation);
    }

    /** Whether another trainer took the lease from this one. */
    boolean lost() {
        return lost;
    }

    long generation() {
        return generation;
    }

    private void write(FoldLease lease) {
        store.put(bucket, key, ContractJson.write(lease), "application/json");
    }

    /** Stops renewing and deletes the lease if this trainer still holds it. */
    void release() {
        close();
        if (generation < 0 || lost) {
            return;
        }
        try {
            Optional<FoldLease> found = current();
            if (found.isPresent() && found.get().is(holder, generation)) {
                store.remove(bucket, key);
            }
        } catch (RuntimeException e) {
            LOG.warnf("%s/%s could not be released, it expires in %s: %s", bucket, key, timing.ttl(),
                    e.getMessage());
        }
    }

    /** Stops the renewal timer. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    String key() {
        return key;
    }
}
