package dev.segfold.engine.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD with Nesterov momentum and coupled L2 weight decay, with PyTorch's semantics (DJL's Nag is
 * unsupported on the PyTorch engine and its Sgd is heavy-ball):
 * <pre>
 *   g   = grad + wd * p
 *   buf = mu * buf + g          (buf starts at 0, so the first step gives buf = g)
 *   p  -= lr * (g + mu * buf)
 * </pre>
 * Optionally the gradients are first scaled so that their global L2 norm is at most
 * {@code clipNorm} (torch.nn.utils.clip_grad_norm_, coefficient clipNorm / (norm + 1e-6)).
 * The momentum buffers are the optimizer's state and are saved with checkpoints.
 */
public final class NesterovSgd implements AutoCloseable {
    private final double momentum;
    private final double weightDecay;
    private final double clipNorm;
    private final NDManager manager;
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();

    /**
     * @param parameters the arrays this optimizer updates, by name; buffers start at zero
     * @param clipNorm maximum global gradient norm, or 0 for no clipping
     */
    public NesterovSgd(Map<String, NDArray> parameters, NDManager parent, double momentum, double weightDecay,
            double clipNorm) {
        if (momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (weightDecay < 0 || clipNorm < 0) {
            throw new IllegalArgumentException("weightDecay and clipNorm must be >= 0");
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
        this.manager = parent.newSubManager();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray buf = manager.zeros(e.getValue().getShape(), e.getValue().getDataType());
            NDScope.unregister(buf);
            buffers.put(e.getKey(), buf);
        }
    }

    /**
     * Applies one update from the parameters' accumulated gradients, then zeroes them. Call inside
     * the step's {@link NDScope}: temporaries (gradient handles included) are closed with it.
     *
     * @return the global gradient norm before clipping
     */
    public double step(Map<String, NDArray> parameters, double learningRate) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            Map<String, NDArray> grads = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                if (!buffers.containsKey(e.getKey())) {
                    throw new IllegalArgumentException("optimizer has no state for parameter '" + e.getKey() + "'");
                }
                grads.put(e.getKey(), e.getValue().getGradient());
            }
            double norm = globalNorm(grads.values().stream().toList());
            if (clipNorm > 0) {
                double coef = clipNorm / (norm + 1e-6);
                if (coef < 1) {
                    for (NDArray g : grads.values()) {
                        g.muli((float) coef);
                    }
                }
            }
            float mu = (float) momentum;
            float wd = (float) weightDecay;
            float lr = (float) learningRate;
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray p = e.getValue();
                NDArray g = grads.get(e.getKey());
                if (wd != 0) {
                    g.addi(p.mul(wd));
                }
                NDArray buf = buffers.get(e.getKey());
                buf.muli(mu).addi(g);
                g.addi(buf.mul(mu));
                p.subi(g.mul(lr));
                JniUtils.zeroGrad((PtNDArray) p);
            }
            return norm;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static double globalNorm(List<NDArray> grads) {
        double sumSq = 0;
        for (NDArray g : grads) {
            try (NDArray sq = g.square(); NDArray sum = sq.sum()) {
                sumSq += sum.getFloat();
            }
        }
        return Math.sqrt(sumSq);
    }

    /** The momentum buffer of a parameter (for tests and inspection). */
    public NDArray buffer(String name) {
        return buffers.get(name);
    }

    /** Writes the momentum buffers as an npz archive, keyed by parameter name. */
    public void save(Path file) throws IOException {
        NDList list = new NDList();
        for (Map.Entry<String, NDArray> e : buffers.entrySet()) {
            e.getValue().setName(e.getKey());
            list.add(e.getValue());
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            list.encode(out, NDList.Encoding.NPZ);
        }
    }

    /** Replaces the momentum buffers with those in {@code file}; every buffer must be present with its shape. */
    public void load(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                NDManager tmp = manager.newSubManager()) {
            NDList list = NDList.decode(tmp, in);
            Map<String, NDArray> byName = new LinkedHashMap<>();
            for (NDArray a : list) {
                byName.put(a.getName(), a);
            }
            for (Map.Entry<String, NDArray> e : buffers.entrySet()) {
                NDArray a = byName.get(e.getKey());
                if (a == null) {
                    throw new IOException(file + ": momentum buffer '" + e.getKey() + "' is missing");
                }
                if (!a.getShape().equals(e.getValue().getShape())) {
                    throw new IOException(file + ": momentum buffer '" + e.getKey() + "' has shape " + a.getShape()
                            + ", expected " + e.getValue().getShape());
                }
                a.copyTo(e.getValue());
            }
            if (byName.size() != buffers.size()) {
                byName.keySet().removeAll(buffers.keySet());
                throw new IOException(file + ": unknown momentum buffers " + byName.keySet());
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
