package dev.segfold.engine.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UNetPredictorTest {

    @Test
    void loadsACheckpointAndGivesTheSoftmaxOfTheFullResolutionOutput(@TempDir Path root) throws IOException {
        UNet3d net = UNet3d.builder().inputChannels(1).numClasses(3).baseFeatures(4).maxFeatures(8)
                .isotropicPools(2).build();
        int[] patch = {8, 8, 8};
        float[] input = UNet3dTest.random(2 * 512, 9);
        float[] expected;
        try (NDManager m = NDManager.newBaseManager(); UNet3dParameters p = UNet3dParameters.initialize(net, m, 4)) {
            expected = net.forward(p, m.create(input, new Shape(2, 1, 8, 8, 8)), 1).get(0).softmax(1).toFloatArray();
            Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
            files.put(UNetPredictor.MODEL_FILE, p::save);
            files.put(UNetPredictor.NETWORK_FILE, f -> Files.writeString(f, net.config().toJson()));
            new CheckpointStore(root).write(5, true, "d", 4, files);
            assertArrayEquals(expected, UNetPredictor.of(p).softmax(input, 2, 1, patch), 1e-6f);
        }
        Path dir = root.resolve("iter_5");
        try (UNetPredictor predictor = UNetPredictor.load(dir)) {
            assertEquals(3, predictor.numClasses());
            float[] probs = predictor.softmax(input, 2, 1, patch);
            assertEquals(2 * 3 * 512, probs.length);
            assertArrayEquals(expected, probs, 1e-6f);
            for (int b = 0; b < 2; b++) {
                for (int v = 0; v < 512; v++) {
                    float sum = probs[(b * 3) * 512 + v] + probs[(b * 3 + 1) * 512 + v] + probs[(b * 3 + 2) * 512 + v];
                    assertEquals(1f, sum, 1e-5f);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> predictor.softmax(input, 1, 2, patch));
        }
        Files.write(dir.resolve(UNetPredictor.MODEL_FILE), new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> UNetPredictor.load(dir));
        assertTrue(e.getMessage().contains(UNetPredictor.MODEL_FILE), e.getMessage());
    }
}
