package dev.segfold.engine.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.network.Precision;
import dev.segfold.engine.network.UNet3dConfig;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.preprocess.PreprocessedCase;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.engine.training.FoldTrainer;
import dev.segfold.engine.training.IterationFit;
import dev.segfold.engine.training.Recipe;
import dev.segfold.engine.training.TrainerOptions;
import dev.segfold.engine.training.TrainingConfig;
import dev.segfold.engine.training.TrainingListener;
import dev.segfold.engine.training.TrainingOutcome;
import dev.segfold.engine.training.TrainingProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A time-budgeted fold that may choose its network: the warm-ups pick a width and batch from the
 * ladder, the count is fitted again as the fold trains, and a fold stopped after a refit resumes
 * with the network, batch and count its checkpoint recorded, without measuring again.
 */
class BudgetedFoldIT {
    @TempDir
    Path tmp;

    @Test
    void aBudgetedFoldChoosesItsNetworkRefitsAndResumesWithBoth() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticDatasetGenerator.builder().trainingCases(6).optSeed(3).build().generate(data);
        ExperimentLayout layout = new ExperimentLayout(tmp.resolve("run"));
        ExperimentContext ctx = ExperimentContext.open(MsdDataset.open(data), layout,
                PlanOverrides.NONE.withBaseNumFeatures(8).withBatchSize(2).withMaxNumPool(2), ExperimentListener.SILENT);
        Configuration cfg = Configuration.FULLRES_3D;
        List<PreprocessedCase> cases = ctx.preprocessing(cfg).trainingCases(ctx.split().fold(0).train());
        Path folder = layout.checkpoints(cfg, 0);
        FoldTraining.Settings settings = new FoldTraining.Settings(0, new TrainerOptions(5, 10, 0), 5, 1,
                Precision.FP32, Recipe.NNUNET, Duration.ofSeconds(20));

        FoldTraining.Fitted fitted = FoldTraining.fitted(ctx.plans(), cfg, cases, null, folder, settings, true);
        int base = fitted.plans().baseNumFeatures();
        assertTrue(base == 8 || base == 4, "a rung of the ladder from base 8: " + base);
        assertEquals(2, fitted.plans().stage(cfg).batchSize(), "batch 2 is the least");
        assertNotNull(fitted.fit(), "a warm-up ran");
        assertEquals(fitted.fit().iterations(), fitted.settings().iterations());

        // the tiny network fits far more than 70 iterations into 20 s: cancelled at 70, after the first refit
        // (at 60: a tenth of the warm-up's count is less than 60) and the checkpoint of iteration 70
        List<IterationFit> refits = new ArrayList<>();
        AtomicInteger reached = new AtomicInteger();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                reached.set(p.iteration());
            }

            @Override
            public void onIterationsRefitted(IterationFit fit) {
                refits.add(fit);
            }
        };
        TrainingOutcome first = FoldTraining.run(fitted.plans(), cfg, cases, List.of(), null, folder,
                fitted.settings(), fitted.refit(), listener, () -> reached.get() >= 70);
        assertTrue(first.cancelled(), "stopped at iteration 70 of " + fitted.settings().iterations());
        assertEquals(1, refits.size(), "fitted again once: " + refits);
        assertEquals(60, refits.get(0).refittedAt());
        int count = refits.get(0).iterations();
        Path checkpoint = folder.resolve("iter_70");
        assertEquals(count, TrainingConfig.fromJson(Files.readString(checkpoint.resolve(FoldTrainer.TRAINING_FILE)))
                .iterations(), "the checkpoint records the refitted count");
        assertEquals(base, UNet3dConfig.fromJson(Files.readString(checkpoint.resolve(FoldTrainer.NETWORK_FILE)))
                .baseFeatures(), "and the chosen network");

        FoldTraining.Fitted resumed = FoldTraining.fitted(ctx.plans(), cfg, cases, null, folder, settings, true);
        assertNull(resumed.fit(), "a resumed fold measures nothing");
        assertEquals(count, resumed.settings().iterations());
        assertEquals(base, resumed.plans().baseNumFeatures());
        assertEquals(2, resumed.plans().stage(cfg).batchSize());
        List<Integer> totals = new ArrayList<>();
        TrainingOutcome rest = FoldTraining.run(resumed.plans(), cfg, cases, List.of(), null, folder,
                resumed.settings(), resumed.refit(), new TrainingListener() {
                    @Override
                    public void onProgress(TrainingProgress p) {
                        totals.add(p.totalIterations());
                        listener.onProgress(p);
                    }

                    @Override
                    public void onIterationsRefitted(IterationFit fit) {
                        refits.add(fit);
                    }
                }, () -> reached.get() >= 140);
        assertEquals(70, rest.startIteration(), "resumed from the checkpoint of iteration 70 (same digest)");
        assertTrue(totals.stream().allMatch(t -> t == count), "towards the recorded count: " + totals);
        assertEquals(1, refits.size(), "without fitting again");
    }
}
