package dev.segfold.engine.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.ensemble.LabelNpz;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.nifti.NiftiHeader;
import dev.segfold.engine.nifti.NiftiReader;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.plan.PlansJson;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.engine.training.TrainerOptions;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-stage cascade end to end on a generated data set with a forced low-res stage (2 mm, as
 * nnU-Net's integration test forces one on Hippocampus): five low-res folds, each predicting its
 * validation cases for the next stage, then one cascade fold trained and validated on those maps,
 * then the test cases through the low-res ensemble and the cascade.
 */
class CascadeExperimentIT {
    static final int LOWRES_ITERATIONS = 200;
    static final int CASCADE_ITERATIONS = 400;

    @TempDir
    Path tmp;

    private static final long START = System.nanoTime();

    /** Steps with elapsed seconds in the test's output, so a slow or weak stage shows which. */
    private static void log(String step) {
        System.out.printf("[cascade-it %6.1f s] %s%n", (System.nanoTime() - START) / 1e9, step);
    }

    @Test
    void lowresFoldsFeedTheCascadeStage() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticDatasetGenerator.builder().trainingCases(10).optTestCases(2).optSeed(11).build().generate(data);
        Path work = tmp.resolve("run");
        PlanOverrides overrides = PlanOverrides.NONE.withBaseNumFeatures(16).withBatchSize(2)
                .withForcedLowres(new double[] {2, 2, 2}, null);
        FoldTraining.Settings cascade = new FoldTraining.Settings(CASCADE_ITERATIONS,
                new TrainerOptions(50, CASCADE_ITERATIONS, 0), 12345, 2);
        FoldTraining.Settings lowres = new FoldTraining.Settings(LOWRES_ITERATIONS,
                new TrainerOptions(30, LOWRES_ITERATIONS, 0), 12345, 2);
        LocalExperiment.Outcome outcome = LocalExperiment.run(new LocalExperiment.Request(data, work,
                Configuration.CASCADE_FULLRES_3D, List.of(0), overrides, cascade, CaseSegmenter.Settings.defaults(),
                true, lowres), CascadeExperimentIT::log);

        Plans plans = PlansJson.read(new ExperimentLayout(work).plansFile());
        assertEquals(2, plans.numStages(), "a low-res stage was forced");
        assertEquals(5, outcome.lowresFolds().size(), "every low-res fold trained, so every case has a map");

        // One out-of-fold map per training case, at the case's stage-1 preprocessed shape.
        ExperimentLayout layout = new ExperimentLayout(work);
        MsdDataset dataset = MsdDataset.open(data);
        StagePreprocessing fullres = new ExperimentContext(dataset, layout, plans,
                dev.segfold.engine.split.SplitFile.read(layout.splitsFile())).preprocessing(Configuration.CASCADE_FULLRES_3D);
        for (String caseId : dataset.trainingCaseIds()) {
            Path map = layout.nextStage(Configuration.LOWRES_3D).resolve(NextStagePrediction.fileName(caseId));
            assertTrue(Files.isRegularFile(map), "next-stage map of " + caseId);
            Volume labels = LabelNpz.read(map);
            assertArrayEquals(fullres.trainingCase(caseId).seg().shape(), labels.shape(),
                    "map of " + caseId + " has the stage-1 shape");
            float max = 0;
            for (float v : labels.data()) {
                assertTrue(v >= 0 && v <= plans.numClasses(), "label " + v + " in " + map);
                max = Math.max(max, v);
            }
        }

        // The cascade network takes the data plus one channel per foreground label.
        Path checkpoint = new CheckpointStore(layout.checkpoints(Configuration.CASCADE_FULLRES_3D, 0)).latest()
                .orElseThrow();
        com.fasterxml.jackson.databind.JsonNode network = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(checkpoint.resolve(dev.segfold.engine.network.UNetPredictor.NETWORK_FILE).toFile());
        assertEquals(plans.numModalities() + plans.numClasses(), network.findValue("inputChannels").asInt(),
                "the cascade network takes the data plus one channel per foreground label: " + network);

        double dice = outcome.folds().get(0).summary().foregroundMeanDice();
        assertTrue(dice >= 0.7, "cascade fold 0 validation Dice " + dice);

        assertEquals(dataset.testCases().size(), outcome.testPredictions().size());
        for (int i = 0; i < outcome.testPredictions().size(); i++) {
            NiftiHeader input = NiftiReader.readHeader(dataset.testCases().get(i).images().get(0));
            NiftiHeader output = NiftiReader.readHeader(outcome.testPredictions().get(i));
            assertEquals(Arrays.toString(input.dim()), Arrays.toString(output.dim()), "prediction has the input's shape");
            assertTrue(Arrays.deepEquals(input.affine(), output.affine()), "prediction has the input's affine");
        }
    }
}
