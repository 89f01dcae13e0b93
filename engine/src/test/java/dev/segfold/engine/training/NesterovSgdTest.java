package dev.segfold.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PyTorch's Nesterov SGD worked by hand on f(p) = sum(a * p^2 / 2), whose gradient is a * p. */
class NesterovSgdTest {

    @Test
    void followsPyTorchsNesterovUpdateWithCoupledWeightDecayAndClipping(@TempDir Path dir) throws Exception {
        double mu = 0.9, wd = 0.1, lr = 0.5, clip = 2.0;
        double[] a = {1, 3};
        double[] p = {1, -2};
        double[] buf = {0, 0};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray param = m.create(new float[] {1, -2});
            param.setRequiresGradient(true);
            NDArray coeff = m.create(new float[] {1, 3});
            NesterovSgd sgd = new NesterovSgd(Map.of("p", param), m, mu, wd, clip);
            for (int step = 0; step < 3; step++) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(param.square().mul(coeff).sum().div(2f));
                    }
                    double norm = sgd.step(Map.of("p", param), lr);
                    double[] g = {a[0] * p[0], a[1] * p[1]};
                    double n = Math.hypot(g[0], g[1]);
                    assertEquals(n, norm, 1e-5, "gradient norm at step " + step);
                    double coef = Math.min(1, clip / (n + 1e-6));
                    for (int i = 0; i < 2; i++) {
                        double d = g[i] * coef + wd * p[i];
                        buf[i] = mu * buf[i] + d;
                        p[i] -= lr * (d + mu * buf[i]);
                    }
                    float[] got = param.toFloatArray();
                    assertEquals(p[0], got[0], 1e-5, "p[0] after step " + step);
                    assertEquals(p[1], got[1], 1e-5, "p[1] after step " + step);
                    float[] gotBuf = sgd.buffer("p").toFloatArray();
                    assertEquals(buf[1], gotBuf[1], 1e-5);
                }
            }
            Path file = dir.resolve("opt.params");
            sgd.save(file);
            NesterovSgd restored = new NesterovSgd(Map.of("p", param), m, mu, wd, clip);
            restored.load(file);
            assertEquals(buf[0], restored.buffer("p").toFloatArray()[0], 1e-6);
        }
    }

    @Test
    void polyDecayPerIteration() {
        PolyLearningRate lr = PolyLearningRate.of(0.01, 1000);
        assertEquals(0.01, lr.at(0), 0);
        assertEquals(0.01 * Math.pow(0.5, 0.9), lr.at(500), 1e-15);
        assertEquals(0.0, lr.at(1000), 0);
        assertEquals(0.01 * Math.pow(1 - 999 / 1000.0, 0.9), lr.at(999), 1e-15);
    }
}
