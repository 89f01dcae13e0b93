package dev.segfold.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.network.Precision;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import dev.segfold.engine.training.validation.ValidationSchedule;
import dev.segfold.engine.workflow.FoldTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IterationFitTest {
    @TempDir
    Path dir;

    @Test
    void theCountFillsTheBudgetLeftAfterTheWarmUpWithCheckpointsAndSlack() {
        // 12 minutes, 20 s of warm-up, 1.5 s an iteration, a 3 s checkpoint every 100 iterations
        IterationFit fit = IterationFit.of(Duration.ofMinutes(12), Duration.ofSeconds(20), new WarmUp.Measurement(1500, 3000, 0, 5), 100, null);
        double left = 720_000 * (1 - IterationFit.SLACK) - 20_000;
        assertEquals((int) Math.floor(left / (1500 + 30)), fit.iterations());
        double spent = 20_000 + fit.iterations() * 1500.0 + Math.ceil(fit.iterations() / 100.0) * 3000;
        assertTrue(spent <= 720_000, "the fitted count ends within the budget: " + spent);
        assertTrue(spent >= 720_000 * 0.95, "and uses it: " + spent);
    }

    @Test
    void validationDuringTrainingIsPartOfTheBudget() {
        // 50 validation batches of 100 ms every 250 iterations: 20 ms more an iteration
        ValidationSchedule nnUNet = new ValidationSchedule(250, 50);
        IterationFit fit = IterationFit.of(Duration.ofMinutes(12), Duration.ofSeconds(20), new WarmUp.Measurement(480, 0, 100, 5), 1000, nnUNet);
        double left = 720_000 * (1 - IterationFit.SLACK) - 20_000;
        assertEquals((int) Math.floor(left / 500), fit.iterations());
        assertEquals(0, fit.refittedAt());
        assertEquals(480, fit.warmupMsPerIteration());
    }

    @Test
    void theRefitFillsWhatIsLeftOfTheBudgetAtTheFoldsSteadySpeed() {
        // the warm-up saw 600 ms an iteration; after 60 iterations and 75 s (warm-up included) the fold runs 450 ms
        IterationFit warmUp = IterationFit.of(Duration.ofMinutes(12), Duration.ofSeconds(20), new WarmUp.Measurement(600, 2000, 0, 5), 100, null);
        IterationFit refit = warmUp.refitted(60, 450, Duration.ofSeconds(75), 100, null);
        double left = 720_000 * (1 - IterationFit.SLACK) - 75_000;
        assertEquals(60 + (int) Math.floor(left / (450 + 20)), refit.iterations());
        assertTrue(refit.iterations() > warmUp.iterations(), "a faster fold gets more: " + refit + " vs " + warmUp);
        assertEquals(60, refit.refittedAt());
        assertEquals(450, refit.msPerIteration());
        assertEquals(600, refit.warmupMsPerIteration(), "what the warm-up measured is kept");
        assertEquals(warmUp.warmup(), refit.warmup());
    }

    @Test
    void aRefitNeverEndsBeforeTheIterationItWasMadeAt() {
        IterationFit warmUp = IterationFit.of(Duration.ofMinutes(1), Duration.ofSeconds(2), new WarmUp.Measurement(100, 0, 0, 5), 50, null);
        assertEquals(51, warmUp.refitted(50, 5000, Duration.ofMinutes(2), 50, null).iterations());
    }

    @Test
    void aBudgetTheWarmUpAlreadySpentIsRefusedWithWhatWasMeasured() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> IterationFit.of(Duration.ofSeconds(10), Duration.ofSeconds(12), new WarmUp.Measurement(800, 0, 0, 5), 10, null));
        assertTrue(e.getMessage().contains("too short") && e.getMessage().contains("800 ms"), e.getMessage());
    }

    @Test
    void aResumedFoldKeepsTheCountItWasFittedTo() throws Exception {
        TrainingConfig trained = TrainingConfig.nnUNet(123, false, 7);
        Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
        files.put(FoldTrainer.TRAINING_FILE, f -> Files.writeString(f, trained.toJson()));
        new CheckpointStore(dir).write(50, false, "d".repeat(64), 7, files);
        FoldTraining.Settings budgeted = new FoldTraining.Settings(0, new TrainerOptions(10, 50, 1), 7, 1,
                Precision.FP32, Recipe.NNUNET, Duration.ofMinutes(5));
        FoldTraining.Fitted fitted = FoldTraining.fitted(null, null, null, null, dir, budgeted);
        assertEquals(123, fitted.settings().iterations());
        assertNull(fitted.fit(), "no warm-up ran");
    }

    @Test
    void aFixedCountNeedsNoFitAndAnUnfittedBudgetDoesNotTrain() throws IOException, InterruptedException {
        FoldTraining.Settings fixed = new FoldTraining.Settings(40, new TrainerOptions(10, 20, 1), 1, 1);
        assertEquals(fixed, FoldTraining.fitted(null, null, null, null, dir, fixed).settings());
        FoldTraining.Settings budgeted = new FoldTraining.Settings(0, new TrainerOptions(10, 50, 1), 7, 1,
                Precision.FP32, Recipe.NNUNET, Duration.ofMinutes(5));
        assertThrows(IllegalArgumentException.class,
                () -> FoldTraining.run(null, null, java.util.List.of(), null, dir, budgeted, p -> { }, () -> false));
    }
}
