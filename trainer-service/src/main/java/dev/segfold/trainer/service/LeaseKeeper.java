package dev.segfold.trainer.service;

import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.service.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * This trainer's {@link FoldLease} on one fold: taken before training, renewed at log intervals
 * (at most a few times per time to live), deleted when the attempt ends. S3 has no compare-and-set,
 * so two trainers deciding in the same instant can still both start; the lease closes the window a
 * rebalance opens, which lasts the whole fold, down to one round trip.
 */
final class LeaseKeeper {
    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

    private final ObjectStore store;
    private final String bucket;
    private final String key;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;
    private Instant lastRenewal = Instant.MIN;

    LeaseKeeper(ObjectStore store, String bucket, FoldId fold, String holder, Duration ttl, Clock clock) {
        this.store = store;
        this.bucket = bucket;
        this.key = fold.layout().prefix() + FoldLease.NAME;
        this.holder = holder;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The lease in the bucket; an unreadable one counts as absent. */
    Optional<FoldLease> current() {
        if (!store.exists(bucket, key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContractJson.read(store.get(bucket, key), FoldLease.class));
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s/%s is not a lease, taking it over: %s", bucket, key, e.getMessage());
            return Optional.empty();
        }
    }

    /** Takes the lease unless another live trainer holds it; returns whether this trainer holds it now. */
    boolean tryAcquire() {
        if (FoldLease.heldByOther(current(), holder, clock.instant(), ttl)) {
            return false;
        }
        renew();
        return true;
    }

    /** Renews the lease if a third of its time to live has passed since the last renewal. */
    void renewIfDue() {
        if (clock.instant().isAfter(lastRenewal.plus(ttl.dividedBy(3)))) {
            renew();
        }
    }

    private void renew() {
        lastRenewal = clock.instant();
        store.put(bucket, key, ContractJson.write(new FoldLease(holder, lastRenewal)), "application/json");
    }

    /** Deletes the lease if this trainer still holds it. */
    void release() {
        try {
            Optional<FoldLease> current = current();
            if (current.isPresent() && current.get().holder().equals(holder)) {
                store.remove(bucket, key);
            }
        } catch (RuntimeException e) {
            LOG.warnf("%s/%s could not be released, it expires in %s: %s", bucket, key, ttl, e.getMessage());
        }
    }

    String key() {
        return key;
    }
}
