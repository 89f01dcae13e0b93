package dev.segfold.engine.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.segfold.engine.network.UNet3d;
import dev.segfold.engine.network.UNet3dConfig;
import dev.segfold.engine.training.checkpoint.CheckpointFile;
import dev.segfold.engine.training.checkpoint.CheckpointManifest;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class FoldTrainerTest {
    /** The build machine is shared by many jobs: one intra-op thread avoids OpenMP spinning on busy cores. */
    @BeforeAll
    static void oneThread() {
        ai.djl.engine.Engine.getInstance(); // loads the native library
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    }

    static final int[] PATCH = {16, 16, 16};

    static final UNet3dConfig NETWORK = UNet3d.builder().inputChannels(1).numClasses(3).baseFeatures(4)
            .maxFeatures(16).isotropicPools(2).config();
    static final TrainingConfig TRAINING = TrainingConfig.nnUNet(6, false, 3);

    /** Batch i depends only on (seed, i), like the project's data loader. */
    static final class DeterministicSource implements BatchSource {
        private final long seed;
        private int next;

        DeterministicSource(long seed, int start) {
            this.seed = seed;
            this.next = start;
        }

        @Override
        public TrainingBatch next() {
            return TestBatches.batch(2, 1, PATCH, 3, seed * 7919 + next++);
        }

        @Override
        public void close() {}
    }

    static class Recorder implements TrainingListener {
        final List<TrainingProgress> progress = new ArrayList<>();
        final List<CheckpointManifest> checkpoints = new ArrayList<>();

        @Override
        public void onProgress(TrainingProgress p) {
            progress.add(p);
        }

        @Override
        public void onCheckpoint(Path directory, CheckpointManifest manifest) {
            assertTrue(Files.isRegularFile(directory.resolve(CheckpointManifest.FILE_NAME)));
            checkpoints.add(manifest);
        }
    }

    @Test
    void aCheckpointAndStopRequestSavesTheIterationReachedAndStops(@TempDir Path tmp) throws Exception {
        // checkpoints every 100 iterations: only the stop request can write one at iteration 4
        FoldTrainer trainer = new FoldTrainer(NETWORK, TRAINING, new TrainerOptions(1, 100, 0));
        AtomicBoolean stop = new AtomicBoolean();
        Recorder recorder = new Recorder() {
            @Override
            public void onProgress(TrainingProgress p) {
                super.onProgress(p);
                stop.set(p.iteration() == 4);
            }

            @Override
            public boolean checkpointAndStopRequested() {
                return stop.get();
            }
        };
        TrainingOutcome outcome = trainer.train(DeterministicSource::new, tmp, null, recorder, () -> false);
        assertTrue(outcome.cancelled());
        assertEquals(4, outcome.completedIterations());
        assertEquals(tmp.resolve("iter_4"), outcome.lastCheckpoint());
        assertEquals(1, recorder.checkpoints.size(), "one checkpoint, at the iteration reached");
        CheckpointManifest saved = CheckpointStore.verify(tmp.resolve("iter_4"));
        assertEquals(4, saved.iteration());
        assertFalse(saved.isFinal());
    }

    @Test
    void aTimeBudgetsCountIsFittedAgainAsTheFoldTrainsAndEachCheckpointRecordsItsCount(@TempDir Path tmp)
            throws Exception {
        // the warm-up fitted 100 iterations; by iteration 60 (the first refit) the 1 s budget is long spent,
        // so the refit leaves one more iteration: 61 in all, whatever this machine's speed
        IterationFit warmUp = new IterationFit(100, 10, 0, 0, 10, 5, Duration.ofMillis(100), Duration.ofSeconds(1), 0);
        BudgetRefit refit = new BudgetRefit(warmUp, System.nanoTime() - 10_000_000_000L, 20, null);
        TrainingConfig budgeted = TRAINING.withIterations(100).withTimeBudget(Duration.ofSeconds(1));
        FoldTrainer trainer = new FoldTrainer(NETWORK, budgeted, new TrainerOptions(1, 20, 0));
        List<IterationFit> refits = new ArrayList<>();
        Recorder recorder = new Recorder() {
            @Override
            public void onIterationsRefitted(IterationFit fit) {
                assertEquals(59, progress.size(), "refitted after iteration 60, before its progress and checkpoint");
                refits.add(fit);
            }
        };
        TrainingOutcome outcome = trainer.train(DeterministicSource::new, null, tmp, null, recorder, () -> false,
                refit);
        assertEquals(1, refits.size());
        assertEquals(60, refits.get(0).refittedAt());
        assertEquals(61, refits.get(0).iterations());
        assertTrue(refits.get(0).msPerIteration() > 0, "the speed of iterations 31 to 60");
        assertEquals(61, outcome.completedIterations());
        assertEquals(100, recorder.progress.get(58).totalIterations());
        assertEquals(61, recorder.progress.get(59).totalIterations(), "progress counts the refitted total from then on");
        assertEquals(List.of(20, 40, 60, 61), recorder.checkpoints.stream().map(CheckpointManifest::iteration).toList());
        assertEquals(100, recordedCount(tmp.resolve("iter_40")), "a checkpoint before the refit records the count then");
        assertEquals(61, recordedCount(tmp.resolve("iter_60")), "one after it the refitted count");
        assertEquals(1, recorder.checkpoints.stream().map(CheckpointManifest::configDigest).distinct().count(),
                "the count is not part of a budgeted fold's digest");
        assertEquals(FoldTrainer.configDigest(NETWORK, budgeted.withIterations(7)),
                recorder.checkpoints.get(0).configDigest());
        assertTrue(!FoldTrainer.configDigest(NETWORK, TRAINING.withIterations(7))
                .equals(FoldTrainer.configDigest(NETWORK, TRAINING.withIterations(8))), "a fixed count's is");
    }

    private static int recordedCount(Path checkpoint) throws Exception {
        return TrainingConfig.fromJson(Files.readString(checkpoint.resolve(FoldTrainer.TRAINING_FILE))).iterations();
    }

    @Test
    void resumedRunContinuesExactlyWhereTheStraightRunWent(@TempDir Path tmp) throws Exception {
        TrainerOptions options = new TrainerOptions(1, 3, 0);
        FoldTrainer trainer = new FoldTrainer(NETWORK, TRAINING, options);

        Recorder straight = new Recorder();
        TrainingOutcome full = trainer.train(DeterministicSource::new, tmp.resolve("straight"), null, straight, () -> false);
        assertEquals(6, full.completedIterations());
        assertFalse(full.cancelled());

        Recorder firstHalf = new Recorder();
        AtomicBoolean cancel = new AtomicBoolean();
        Recorder stopAtThree = new Recorder() {
            @Override
            public void onProgress(TrainingProgress p) {
                firstHalf.onProgress(p);
                cancel.set(p.iteration() == 3);
            }
        };
        Path splitRoot = tmp.resolve("split");
        TrainingOutcome half = trainer.train(DeterministicSource::new, splitRoot, null, stopAtThree, cancel::get);
        assertTrue(half.cancelled());
        assertEquals(3, half.completedIterations());
        Path resumeFrom = new CheckpointStore(splitRoot).latest().orElseThrow();
        assertEquals(splitRoot.resolve("iter_3"), resumeFrom);

        Recorder secondHalf = new Recorder();
        TrainingOutcome rest = trainer.train(DeterministicSource::new, splitRoot, resumeFrom, secondHalf, () -> false);
        assertEquals(3, rest.startIteration());
        assertEquals(6, rest.completedIterations());

        List<TrainingProgress> split = new ArrayList<>(firstHalf.progress);
        split.addAll(secondHalf.progress);
        assertEquals(6, straight.progress.size());
        assertEquals(6, split.size());
        for (int i = 0; i < 6; i++) {
            TrainingProgress a = straight.progress.get(i);
            TrainingProgress b = split.get(i);
            assertEquals(i + 1, b.iteration());
            assertEquals(a.learningRate(), b.learningRate(), 0.0, "lr at iteration " + i);
            assertEquals(TRAINING.schedule().at(i), b.learningRate(), 0.0);
            assertEquals(a.loss(), b.loss(), 1e-4 * Math.abs(a.loss()), "loss at iteration " + i);
        }
        TrainingProgress end = straight.progress.get(5);
        assertEquals(6, end.totalIterations());
        assertEquals(java.time.Duration.ZERO, end.eta());
        assertTrue(straight.progress.get(0).eta().compareTo(java.time.Duration.ZERO) > 0);
        assertTrue(end.msPerIteration() > 0 && end.patchesPerSecond() > 0);
        // the loss must really move, or the comparison above proves nothing
        assertTrue(Math.abs(straight.progress.get(5).loss() - straight.progress.get(0).loss()) > 1e-3);

        Path endA = tmp.resolve("straight").resolve("iter_6");
        Path endB = splitRoot.resolve("iter_6");
        assertTrue(CheckpointStore.verify(endA).isFinal());
        assertFalse(CheckpointStore.verify(splitRoot.resolve("iter_3")).isFinal());
        assertClose(endA.resolve(FoldTrainer.MODEL_FILE), endB.resolve(FoldTrainer.MODEL_FILE), 1e-5);
        assertClose(endA.resolve(FoldTrainer.OPTIMIZER_FILE), endB.resolve(FoldTrainer.OPTIMIZER_FILE), 1e-4);
    }

    private static void assertClose(Path a, Path b, double tol) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, float[]> x = TrainStepReferenceTest.readNpz(m, a);
            Map<String, float[]> y = TrainStepReferenceTest.readNpz(m, b);
            assertEquals(x.keySet(), y.keySet());
            boolean anyNonZero = false;
            for (String k : x.keySet()) {
                assertArrayEquals(x.get(k), y.get(k), (float) tol, k + " in " + a.getFileName());
                for (float v : x.get(k)) {
                    anyNonZero |= v != 0;
                }
            }
            assertTrue(anyNonZero, a + " is all zeros");
        }
    }

    @Test
    void checkpointManifestListsEveryFileAndResumeRejectsAnotherConfig(@TempDir Path tmp) throws Exception {
        TrainingConfig two = TrainingConfig.nnUNet(2, true, 1);
        FoldTrainer trainer = new FoldTrainer(NETWORK, two, new TrainerOptions(1, 1, 1));
        Recorder rec = new Recorder();
        trainer.train(DeterministicSource::new, tmp, null, rec, () -> false);
        assertEquals(2, rec.checkpoints.size());
        CheckpointManifest last = rec.checkpoints.get(1);
        assertEquals(2, last.iteration());
        assertTrue(last.isFinal());
        assertEquals(trainer.configDigest(), last.configDigest());
        assertEquals(List.of(FoldTrainer.MODEL_FILE, FoldTrainer.OPTIMIZER_FILE, FoldTrainer.NETWORK_FILE,
                FoldTrainer.TRAINING_FILE), last.files().stream().map(CheckpointFile::name).toList());
        Path dir = tmp.resolve("iter_2");
        for (CheckpointFile f : last.files()) {
            assertEquals(Files.size(dir.resolve(f.name())), f.size());
            assertEquals(CheckpointStore.sha256(dir.resolve(f.name())), f.sha256());
        }
        assertEquals(NETWORK, UNet3dConfig.fromJson(Files.readString(dir.resolve(FoldTrainer.NETWORK_FILE))));
        assertEquals(two, TrainingConfig.fromJson(Files.readString(dir.resolve(FoldTrainer.TRAINING_FILE))));
        assertTrue(Files.readString(dir.resolve(CheckpointManifest.FILE_NAME)).contains("\"final\" : true"));
        // keep 1: iteration 1 was pruned once iteration 2 was complete
        assertFalse(Files.exists(tmp.resolve("iter_1")));

        FoldTrainer other = new FoldTrainer(NETWORK, TrainingConfig.nnUNet(4, true, 1), new TrainerOptions(1, 1, 0));
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> other.train(DeterministicSource::new, tmp, dir, rec, () -> false));
        assertTrue(e.getMessage().contains("configDigest"), e.getMessage());
    }

    @Test
    void validatesEveryEpochKeepsTheBestByTheMovingAverageAndResumesItsState(@TempDir Path tmp) throws Exception {
        TrainingConfig validating = TrainingConfig.nnUNet(7, false, 3)
                .withValidation(new dev.segfold.engine.training.validation.ValidationSchedule(3, 2));
        FoldTrainer trainer = new FoldTrainer(NETWORK, validating, new TrainerOptions(2, 4, 0));
        List<Path> best = new ArrayList<>();
        Recorder straight = new Recorder() {
            @Override
            public void onBestCheckpoint(Path directory, CheckpointManifest manifest) {
                best.add(directory);
                assertEquals(directory, tmp.resolve("straight").resolve(CheckpointStore.BEST_DIR));
                assertFalse(manifest.isFinal());
            }
        };
        assertThrows(IllegalArgumentException.class, () -> trainer.train(DeterministicSource::new,
                tmp.resolve("none"), null, straight, () -> false), "validating without validation batches");
        trainer.train(DeterministicSource::new, DeterministicSource::new, tmp.resolve("straight"), null, straight,
                () -> false);
        // reports at 2, 3 (epoch), 4, 6 (epoch and log), 7 (last iteration, validates)
        assertEquals(List.of(2, 3, 4, 6, 7), straight.progress.stream().map(TrainingProgress::iteration).toList());
        List<TrainingProgress> validated = straight.progress.stream().filter(p -> p.validation() != null).toList();
        assertEquals(List.of(3, 6, 7), validated.stream().map(TrainingProgress::iteration).toList());
        var tracker = dev.segfold.engine.training.validation.ValidationTracker.start();
        int bestIteration = -1;
        for (TrainingProgress p : validated) {
            var v = p.validation();
            assertEquals(2, v.perClassDice().size(), "classes 1 and 2");
            assertTrue(v.loss() > 0 && Double.isFinite(v.loss()));
            tracker = tracker.next(v.meanDice(), p.iteration());
            assertEquals(tracker.ema(), v.ema(), 1e-12, "nnU-Net's 0.9/0.1 average of the epochs' mean Dice");
            if (v.newBest()) {
                bestIteration = p.iteration();
            }
        }
        assertTrue(bestIteration > 0, "the first defined Dice is a best");
        Path bestDir = tmp.resolve("straight").resolve(CheckpointStore.BEST_DIR);
        CheckpointManifest bestManifest = CheckpointStore.verify(bestDir);
        assertEquals(bestIteration, bestManifest.iteration());
        assertTrue(Files.isRegularFile(bestDir.resolve(FoldTrainer.MODEL_FILE)));
        assertFalse(Files.exists(bestDir.resolve(FoldTrainer.OPTIMIZER_FILE)), "the best is never resumed");
        assertEquals(validated.stream().filter(p -> p.validation().newBest()).count(), best.size());
        assertFalse(new CheckpointStore(tmp.resolve("straight")).complete().containsValue(bestDir),
                "the best is not one of the iter_<n> checkpoints");

        // resumed at iteration 4: the average continues from the checkpoint's state
        Path resumed = tmp.resolve("resumed");
        Recorder first = new Recorder();
        trainer.train(DeterministicSource::new, DeterministicSource::new, resumed, null, first, () -> first.checkpoints.size() == 1);
        assertEquals(4, new CheckpointStore(resumed).latest().map(d -> d.getFileName().toString()).map(n ->
                Integer.parseInt(n.substring(5))).orElseThrow());
        Recorder second = new Recorder();
        trainer.train(DeterministicSource::new, DeterministicSource::new, resumed,
                new CheckpointStore(resumed).latest().orElseThrow(), second, () -> false);
        List<Double> straightEma = validated.stream().map(p -> p.validation().ema()).toList();
        List<Double> resumedEma = java.util.stream.Stream.concat(first.progress.stream(), second.progress.stream())
                .filter(p -> p.validation() != null).map(p -> p.validation().ema()).toList();
        assertEquals(straightEma.size(), resumedEma.size());
        for (int i = 0; i < straightEma.size(); i++) {
            assertEquals(straightEma.get(i), resumedEma.get(i), 1e-4, "epoch " + (i + 1));
        }
    }
}
