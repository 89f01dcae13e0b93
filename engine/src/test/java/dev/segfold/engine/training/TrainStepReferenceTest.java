package dev.segfold.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.engine.network.Precision;
import dev.segfold.engine.network.UNet3d;
import dev.segfold.engine.network.UNet3dParameters;
import dev.segfold.engine.testsupport.PythonPeer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole training step (network, deep-supervision DC_and_CE loss, clipping, Nesterov SGD with
 * coupled weight decay, poly lr) against the PyTorch peer in bench/, from identical weights and
 * batches: PyTorch's own SGD(nesterov=True) and clip_grad_norm_ are the reference.
 */
class TrainStepReferenceTest {
    /** The build machine is shared by many jobs: one intra-op thread avoids OpenMP spinning on busy cores. */
    @BeforeAll
    static void oneThread() {
        ai.djl.engine.Engine.getInstance(); // loads the native library
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    }

    static final int STEPS = 3;
    /** The PyTorch peer scripts, in the repository's bench/ folder. */
    static final Path BENCH = Path.of("..", "bench").toAbsolutePath().normalize();

    static UNet3d network(boolean deepSupervision) {
        return UNet3d.builder().inputChannels(2).numClasses(3).baseFeatures(4).maxFeatures(12)
                .poolKernels(new int[] {1, 2, 2}, new int[] {2, 2, 2}, new int[] {2, 2, 2})
                .convKernels(new int[] {1, 3, 3}, new int[] {3, 3, 3}, new int[] {3, 3, 3}, new int[] {3, 3, 3})
                .optDeepSupervision(deepSupervision).build();
    }

    @ParameterizedTest(name = "batchDice={0} clip={1} deepSupervision={2}")
    @CsvSource({"false, 12, true", "true, 0.05, true", "false, 12, false"})
    void matchesPyTorch(boolean batchDice, double clip, boolean deepSupervision, @TempDir Path dir) throws Exception {
        PythonPeer.assumeModules("torch", "numpy");
        assumeTrue(Files.isDirectory(BENCH), "skipped: " + BENCH + " (the PyTorch peer scripts) not found");
        UNet3d net = network(deepSupervision);
        TrainingConfig tc = new TrainingConfig(10, 0.01, 0.9, 0.99, 3e-5, clip, batchDice, 42, Precision.FP32);
        Files.writeString(dir.resolve("network.json"), net.config().toJson());
        Files.writeString(dir.resolve("training.json"), tc.toJson());
        List<TrainingBatch> batches = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            batches.add(TestBatches.batch(2, 2, new int[] {8, 16, 16}, 3, 100 + i));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            writeBatches(m, batches, dir.resolve("batches.npz"));
            try (UNet3dParameters params = UNet3dParameters.initialize(net, m, tc.seed())) {
                params.save(dir.resolve("params.npz"));
                TrainStep step = new TrainStep(params, tc);
                float[] losses = new float[STEPS];
                double[] norms = new double[STEPS];
                for (int i = 0; i < STEPS; i++) {
                    TrainStep.StepResult r = step.run(batches.get(i), tc.schedule().at(i));
                    losses[i] = r.loss();
                    norms[i] = r.gradientNorm();
                }
                PythonPeer.runFile(BENCH.resolve("reference_steps.py"), "", Duration.ofSeconds(300), dir.toString());
                JsonNode ref = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
                for (int i = 0; i < STEPS; i++) {
                    assertEquals(ref.get("losses").get(i).asDouble(), losses[i], 2e-5, "loss at step " + i);
                    assertEquals(ref.get("gradientNorms").get(i).asDouble(), norms[i],
                            1e-4 * Math.max(1, norms[i]), "gradient norm at step " + i);
                    assertEquals(ref.get("learningRates").get(i).asDouble(), tc.schedule().at(i), 1e-12);
                }
                if (clip < 1) {
                    assertTrue(norms[0] > clip, "the small clip must actually clip, norm " + norms[0]);
                }
                Map<String, float[]> refParams = readNpz(m, dir.resolve("reference_params.npz"));
                double worst = 0;
                for (String name : params.names()) {
                    float[] want = refParams.get(name);
                    float[] got = params.values(name);
                    for (int k = 0; k < got.length; k++) {
                        worst = Math.max(worst, Math.abs(want[k] - got[k]));
                    }
                }
                assertTrue(worst < 2e-5, "largest parameter difference " + worst);
                Map<String, float[]> refMomentum = readNpz(m, dir.resolve("reference_momentum.npz"));
                assertEquals(step.trainableNames().size(), refMomentum.size(), "parameters with momentum");
                double worstMomentum = 0;
                for (String name : step.trainableNames()) {
                    float[] want = refMomentum.get(name);
                    float[] got = step.optimizer().buffer(name).toFloatArray();
                    for (int k = 0; k < got.length; k++) {
                        worstMomentum = Math.max(worstMomentum, Math.abs(want[k] - got[k]));
                    }
                }
                assertTrue(worstMomentum < 1e-4, "largest momentum difference " + worstMomentum);
            }
        }
    }

    static void writeBatches(NDManager m, List<TrainingBatch> batches, Path file) throws Exception {
        NDList list = new NDList();
        for (int i = 0; i < batches.size(); i++) {
            TrainingBatch b = batches.get(i);
            int[] s = b.patchShape();
            NDArray data = m.create(b.data(), new Shape(b.batchSize(), b.channels(), s[0], s[1], s[2]));
            data.setName("data_" + i);
            NDArray target = m.create(b.target(), new Shape(b.batchSize(), s[0], s[1], s[2]));
            target.setName("target_" + i);
            list.add(data);
            list.add(target);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            list.encode(out, NDList.Encoding.NPZ);
        }
    }

    static Map<String, float[]> readNpz(NDManager m, Path file) throws Exception {
        Map<String, float[]> out = new HashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (NDArray a : NDList.decode(m, in)) {
                out.put(a.getName(), a.toFloatArray());
            }
        }
        return out;
    }
}
