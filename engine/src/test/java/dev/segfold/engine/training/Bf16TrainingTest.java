package dev.segfold.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.segfold.engine.network.Precision;
import dev.segfold.engine.network.UNet3d;
import dev.segfold.engine.network.UNet3dParameters;
import dev.segfold.engine.network.UNetPredictor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bf16 path (TorchScript casts, float32 master weights) tracks float32 closely. */
class Bf16TrainingTest {
    static final UNet3d NET = UNet3d.builder().inputChannels(1).numClasses(3).baseFeatures(8).maxFeatures(16)
            .isotropicPools(2).build();
    static final int[] PATCH = {16, 16, 16};

    @BeforeAll
    static void oneThread() {
        ai.djl.engine.Engine.getInstance();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    }

    @Test
    void bf16StepsFollowFloat32AndKeepFloat32Weights() {
        TrainingConfig fp32 = TrainingConfig.nnUNet(10, false, 5);
        float[][] losses = new float[2][4];
        try (NDManager m = NDManager.newBaseManager()) {
            for (int run = 0; run < 2; run++) {
                TrainingConfig tc = run == 0 ? fp32 : fp32.withPrecision(Precision.BF16);
                try (UNet3dParameters p = UNet3dParameters.initialize(NET, m, tc.seed())) {
                    TrainStep step = new TrainStep(p, tc);
                    float before = p.values("conv_blocks_context.0.blocks.0.conv.weight")[0];
                    for (int i = 0; i < 4; i++) {
                        losses[run][i] = step.run(TestBatches.batch(2, 1, PATCH, 3, 50 + i), tc.schedule().at(i)).loss();
                    }
                    assertEquals(DataType.FLOAT32, p.get("conv_blocks_context.0.blocks.0.conv.weight").getDataType());
                    assertTrue(before != p.values("conv_blocks_context.0.blocks.0.conv.weight")[0], "weights moved");
                    step.optimizer().close();
                }
            }
        }
        boolean anyDifferent = false;
        for (int i = 0; i < 4; i++) {
            assertEquals(losses[0][i], losses[1][i], 0.02 * Math.abs(losses[0][i]), "loss at step " + i);
            anyDifferent |= losses[0][i] != losses[1][i];
        }
        assertTrue(anyDifferent, "bf16 gave bit-identical losses: the bf16 path did not run");
    }

    @Test
    void bf16InferenceIsCloseToFloat32() {
        try (NDManager m = NDManager.newBaseManager(); UNet3dParameters p = UNet3dParameters.initialize(NET, m, 2)) {
            float[] x = TestBatches.batch(1, 1, PATCH, 3, 8).data();
            float[] a = UNetPredictor.of(p).softmax(x, 1, 1, PATCH);
            float[] b = UNetPredictor.of(p, Precision.BF16).softmax(x, 1, 1, PATCH);
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            assertTrue(worst < 0.05, "largest probability difference " + worst);
            assertTrue(worst > 0, "bf16 gave identical probabilities: the bf16 path did not run");
        }
    }
}
