package dev.segfold.engine.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.nifti.NiftiHeader;
import dev.segfold.engine.nifti.NiftiReader;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.engine.training.TrainerOptions;
import dev.segfold.engine.training.TrainingListener;
import dev.segfold.engine.training.TrainingOutcome;
import dev.segfold.engine.training.TrainingProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine end to end on a generated data set with a tiny network on CPU: two folds trained
 * (one of them interrupted and resumed), validated, ensembled on the test cases.
 */
class LocalExperimentIT {
    static final int ITERATIONS = 400;

    @TempDir
    Path tmp;

    @Test
    void twoFoldsTrainValidateResumeAndEnsemble() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticDatasetGenerator.builder().trainingCases(10).optTestCases(2).optSeed(7).build().generate(data);
        ExperimentLayout layout = new ExperimentLayout(tmp.resolve("run"));
        MsdDataset dataset = MsdDataset.open(data);
        ExperimentContext ctx = ExperimentContext.open(dataset, layout,
                PlanOverrides.NONE.withBaseNumFeatures(16).withBatchSize(2), ExperimentListener.SILENT);
        Configuration cfg = Configuration.FULLRES_3D;
        StagePreprocessing prep = ctx.preprocessing(cfg);
        FoldTraining.Settings settings = new FoldTraining.Settings(ITERATIONS,
                new TrainerOptions(20, ITERATIONS / 2, 1), 12345, 2);

        // Fold 0 straight through; fold 1 stopped after its mid-run checkpoint, then resumed.
        Map<Integer, Double> lrStraight = new TreeMap<>();
        TrainingOutcome f0 = FoldTraining.run(ctx.plans(), cfg, prep.trainingCases(ctx.split().fold(0).train()),
                layout.checkpoints(cfg, 0), settings, recorder(lrStraight), () -> false);
        assertEquals(ITERATIONS, f0.completedIterations());

        Map<Integer, Double> lrResumed = new TreeMap<>();
        AtomicInteger seen = new AtomicInteger();
        TrainingListener stopAtHalf = p -> {
            lrResumed.put(p.iteration(), p.learningRate());
            seen.set(p.iteration());
        };
        TrainingOutcome first = FoldTraining.run(ctx.plans(), cfg, prep.trainingCases(ctx.split().fold(1).train()),
                layout.checkpoints(cfg, 1), settings, stopAtHalf, () -> seen.get() >= ITERATIONS / 2);
        assertTrue(first.cancelled(), "the first part of fold 1 must stop early");
        assertEquals(ITERATIONS / 2, first.completedIterations());
        TrainingOutcome resumed = FoldTraining.run(ctx.plans(), cfg, prep.trainingCases(ctx.split().fold(1).train()),
                layout.checkpoints(cfg, 1), settings, recorder(lrResumed), () -> false);
        assertEquals(ITERATIONS / 2, resumed.startIteration(), "fold 1 resumes from its checkpoint");
        assertEquals(ITERATIONS, resumed.completedIterations());
        assertEquals(lrStraight, lrResumed, "the resumed fold follows the same learning-rate schedule");

        List<Path> checkpoints = new ArrayList<>();
        double[] dice = new double[2];
        for (int fold = 0; fold < 2; fold++) {
            Path checkpoint = fold == 0 ? f0.lastCheckpoint() : resumed.lastCheckpoint();
            checkpoints.add(checkpoint);
            FoldValidation.Result r = FoldValidation.run(dataset, ctx.plans(), cfg, prep,
                    ctx.split().fold(fold).val(), checkpoint, layout.validation(cfg, fold),
                    new CaseSegmenter.Settings(true, 0.5, 2));
            dice[fold] = r.summary().foregroundMeanDice();
            assertTrue(Files.isRegularFile(r.folder().resolve(FoldValidation.SUMMARY)));
            assertTrue(Files.isRegularFile(r.folder().resolve(FoldValidation.POSTPROCESSING)));
        }
        assertTrue(dice[0] >= 0.8 && dice[1] >= 0.8, "validation Dice of both folds >= 0.8: " + Arrays.toString(dice));

        List<Path> predictions = TestSetPrediction.run(dataset, ctx.plans(), cfg, prep, dataset.testCases(),
                checkpoints, dev.segfold.engine.postprocess.PostprocessingPlan.NONE, layout.ensemble(),
                CaseSegmenter.Settings.defaults());
        assertEquals(dataset.testCases().size(), predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            NiftiHeader input = NiftiReader.readHeader(dataset.testCases().get(i).images().get(0));
            Volume predicted = NiftiReader.read(predictions.get(i)).volume();
            NiftiHeader output = NiftiReader.readHeader(predictions.get(i));
            assertEquals(Arrays.toString(input.dim()), Arrays.toString(output.dim()), "prediction has the input's shape");
            assertTrue(Arrays.deepEquals(input.affine(), output.affine()), "prediction has the input's affine");
            float max = 0;
            for (float v : predicted.data()) {
                max = Math.max(max, v);
            }
            assertTrue(max >= 1, "the ensemble finds foreground in " + predictions.get(i));
        }
    }

    private static TrainingListener recorder(Map<Integer, Double> lr) {
        return (TrainingProgress p) -> lr.put(p.iteration(), p.learningRate());
    }
}
