package dev.segfold.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.segfold.engine.network.UNet3d;
import dev.segfold.engine.network.UNet3dParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainStepTest {
    static final UNet3d NET = UNet3d.builder().inputChannels(1).numClasses(3).baseFeatures(4).maxFeatures(8)
            .isotropicPools(3).build();

    @BeforeAll
    static void oneThread() {
        ai.djl.engine.Engine.getInstance();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    }

    @Test
    void stepsLeaveNoArraysBehindAndTheLowestHeadIsFrozen() {
        TrainingConfig tc = TrainingConfig.nnUNet(20, false, 1);
        try (NDManager m = NDManager.newBaseManager(); UNet3dParameters p = UNet3dParameters.initialize(NET, m, 1)) {
            TrainStep step = new TrainStep(p, tc);
            float[] lowestHead = p.values("seg_outputs.0.weight");
            assertFalse(step.trainableNames().contains("seg_outputs.0.weight"));
            assertTrue(step.trainableNames().contains(NET.headName(0)));
            assertTrue(step.trainableNames().contains(NET.headName(1)));
            int[] patch = {16, 16, 16};
            step.run(TestBatches.batch(2, 1, patch, 3, 0), tc.schedule().at(0));
            int after1 = p.manager().getManagedArrays().size();
            float first = 0;
            float last = 0;
            for (int i = 1; i < 12; i++) {
                float loss = step.run(TestBatches.batch(2, 1, patch, 3, 0), tc.schedule().at(i)).loss();
                first = i == 1 ? loss : first;
                last = loss;
            }
            assertEquals(after1, p.manager().getManagedArrays().size(), "arrays left alive by the steps");
            assertTrue(last < first, "the same batch 11 times must lower the loss: " + first + " -> " + last);
            assertEquals(lowestHead[0], p.values("seg_outputs.0.weight")[0], 0f);
            step.optimizer().close();
        }
    }

    @Test
    void rejectsBatchesThatDoNotFitTheNetwork() {
        try (NDManager m = NDManager.newBaseManager(); UNet3dParameters p = UNet3dParameters.initialize(NET, m, 1)) {
            TrainStep step = new TrainStep(p, TrainingConfig.nnUNet(2, false, 1));
            Exception e = assertThrows(IllegalArgumentException.class,
                    () -> step.run(TestBatches.batch(1, 1, new int[] {12, 16, 16}, 3, 0), 0.01));
            assertTrue(e.getMessage().contains("divisible"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> step.run(TestBatches.batch(1, 2, new int[] {16, 16, 16}, 3, 0), 0.01));
            assertTrue(e.getMessage().contains("channels"), e.getMessage());
            step.optimizer().close();
        }
    }
}
