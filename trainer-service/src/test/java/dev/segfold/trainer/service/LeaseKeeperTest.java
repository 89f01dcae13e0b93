package dev.segfold.trainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.junit.DevStackExtension;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.storage.StoreConfigs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lease protocol against a real S3 server: one winner of a race, renewal, fencing, takeover. */
@ExtendWith(DevStackExtension.class)
class LeaseKeeperTest {
    private static final LeaseKeeper.Timing TIMING = new LeaseKeeper.Timing(Duration.ofSeconds(30),
            Duration.ofSeconds(10), Duration.ofSeconds(2));

    private static ObjectStore store(DevStack stack) {
        return new ObjectStore(StoreConfigs.of(stack, stack.accessKey(), stack.secretKey(), Duration.ofSeconds(2)));
    }

    private static LeaseKeeper keeper(ObjectStore store, FoldId fold, String holder, Clock clock) {
        return new LeaseKeeper(store, store.buckets().runs(), fold, holder, TIMING, clock,
                d -> Thread.sleep(d.toMillis()));
    }

    @Test
    void ofFourTrainersRacingForAFreeLeaseExactlyOneWins(DevStack stack) throws Exception {
        ObjectStore store = store(stack);
        FoldId fold = new FoldId("race-run", "3d_fullres", 0, 0);
        int trainers = 4;
        for (int round = 0; round < 3; round++) {
            store.remove(store.buckets().runs(), fold.layout().prefix() + FoldLease.NAME);
            CyclicBarrier start = new CyclicBarrier(trainers);
            ExecutorService pool = Executors.newFixedThreadPool(trainers);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < trainers; i++) {
                LeaseKeeper k = keeper(store, fold, "trainer-" + round + "-" + i, Clock.systemUTC());
                results.add(pool.submit(() -> {
                    start.await();
                    return k.tryAcquire();
                }));
            }
            int winners = 0;
            for (Future<Boolean> r : results) {
                winners += r.get() ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(1, winners, "round " + round + ": exactly one trainer holds the lease");
        }
    }

    @Test
    void aLiveLeaseExcludesAndAnExpiredOneIsTakenOverWithTheNextGeneration(DevStack stack) throws Exception {
        ObjectStore store = store(stack);
        FoldId fold = new FoldId("takeover-run", "3d_fullres", 0, 1);
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        LeaseKeeper first = keeper(store, fold, "first", clock);
        LeaseKeeper second = keeper(store, fold, "second", clock);
        assertTrue(first.tryAcquire());
        assertEquals(1, first.generation());
        first.checkHeld(); // the fencing check passes for the holder

        now.set(now.get().plusSeconds(29));
        assertFalse(second.tryAcquire(), "29 s after the last renewal the lease is live");
        first.renew();
        now.set(now.get().plusSeconds(29));
        assertFalse(second.tryAcquire(), "the renewal moved the expiry");

        now.set(now.get().plusSeconds(31)); // the first trainer stopped renewing (killed)
        assertTrue(second.tryAcquire(), "an expired lease is taken over");
        assertEquals(2, second.generation());
        FoldLease stored = ContractJson.read(store.get(store.buckets().runs(), second.key()), FoldLease.class);
        assertTrue(stored.is("second", 2), stored.toString());

        // the first trainer wakes up: its renewal and its next manifest are refused
        first.renew();
        assertTrue(first.lost());
        assertThrows(LeaseLostException.class, first::checkHeld);
        assertTrue(ContractJson.read(store.get(store.buckets().runs(), second.key()), FoldLease.class)
                .is("second", 2), "the loser did not overwrite the new holder's lease");
        first.release();
        assertTrue(store.exists(store.buckets().runs(), second.key()), "the loser does not delete it either");

        second.release();
        assertFalse(store.exists(store.buckets().runs(), second.key()), "the holder deletes it at the end");
    }

    @Test
    void theTimerRenewsWithoutTraining(DevStack stack) throws Exception {
        ObjectStore store = store(stack);
        FoldId fold = new FoldId("timer-run", "3d_fullres", 0, 2);
        LeaseKeeper keeper = new LeaseKeeper(store, store.buckets().runs(), fold, "timed",
                new LeaseKeeper.Timing(Duration.ofSeconds(3), Duration.ofMillis(300), Duration.ofSeconds(2)),
                Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
        assertTrue(keeper.tryAcquire());
        Instant taken = ContractJson.read(store.get(store.buckets().runs(), keeper.key()), FoldLease.class)
                .renewedAt();
        keeper.startRenewing();
        Thread.sleep(1500);
        Instant renewed = ContractJson.read(store.get(store.buckets().runs(), keeper.key()), FoldLease.class)
                .renewedAt();
        keeper.release();
        assertTrue(renewed.isAfter(taken.plusMillis(500)), "renewed on its own: " + taken + " -> " + renewed);
    }
}
