package dev.segfold.engine.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * nnU-Net's Generic_UNet (3D, strided-conv pooling, transposed-conv upsampling, deep supervision,
 * no dropout) as a stateless function of a {@link UNet3dParameters} set. Keeping parameters apart
 * from the graph lets training, inference and checkpoints share one parameter list whose names
 * are the PyTorch state-dict keys of the reference implementation.
 *
 * <p>Blocks are conv (bias) - InstanceNorm (eps 1e-5, affine) - LeakyReLU(0.01). Encoder stage
 * d has {@code convsPerStage} blocks with kernel {@code convKernels[d]}, the first strided by
 * {@code poolKernels[d-1]}; the bottleneck likewise at resolution P. Decoder stage s upsamples
 * with a bias-free transposed conv (kernel = stride = {@code poolKernels[s]}), concatenates
 * [up, skip] and runs its blocks with {@code convKernels[s+1]} (nnU-Net's quirk). A bias-free
 * 1x1x1 head per decoder stage gives logits; outputs are ordered [full, 1/2, ...].
 */
public final class UNet3d {
    private final UNet3dConfig config;
    private final List<ParameterSpec> specs;

    UNet3d(UNet3dConfig config) {
        this.config = config;
        this.specs = Collections.unmodifiableList(buildSpecs(config));
    }

    /** Starts a builder; {@code build()} gives the network, {@code config()} only its configuration. */
    public static UNet3dConfig.Builder builder() {
        return new UNet3dConfig.Builder();
    }

    public static UNet3d of(UNet3dConfig config) {
        return new UNet3d(config);
    }

    public UNet3dConfig config() {
        return config;
    }

    /** Every parameter in a fixed order (the order of Generic_UNet's state dict). */
    public List<ParameterSpec> parameterSpecs() {
        return specs;
    }

    /** Name of the head parameter that produces output {@code i} (0 = full resolution). */
    public String headName(int output) {
        return "seg_outputs." + (config.numPools() - 1 - output) + ".weight";
    }

    /** Number of outputs the network can produce: P with deep supervision, else 1. */
    public int maxOutputs() {
        return config.deepSupervision() ? config.numPools() : 1;
    }

    private static List<ParameterSpec> buildSpecs(UNet3dConfig c) {
        List<ParameterSpec> out = new ArrayList<>();
        int p = c.numPools();
        int in = c.inputChannels();
        for (int d = 0; d < p; d++) {
            String prefix = "conv_blocks_context." + d + ".blocks.";
            for (int j = 0; j < c.convsPerStage(); j++) {
                addBlock(out, prefix + j, j == 0 ? in : c.features(d), c.features(d), c.convKernels().get(d));
            }
            in = c.features(d);
        }
        String bottleneck = "conv_blocks_context." + p + ".";
        for (int j = 0; j < c.convsPerStage() - 1; j++) {
            addBlock(out, bottleneck + "0.blocks." + j, j == 0 ? in : c.features(p), c.features(p),
                    c.convKernels().get(p));
        }
        addBlock(out, bottleneck + "1.blocks.0", c.convsPerStage() == 1 ? in : c.features(p), c.features(p),
                c.convKernels().get(p));
        for (int u = 0; u < p; u++) {
            int s = p - 1 - u;
            int skip = c.features(s);
            Kernel3 k = c.convKernels().get(s + 1);
            String prefix = "conv_blocks_localization." + u + ".";
            for (int j = 0; j < c.convsPerStage() - 1; j++) {
                addBlock(out, prefix + "0.blocks." + j, j == 0 ? 2 * skip : skip, skip, k);
            }
            addBlock(out, prefix + "1.blocks.0", c.convsPerStage() == 1 ? 2 * skip : skip, skip, k);
        }
        for (int u = 0; u < p; u++) {
            int s = p - 1 - u;
            Kernel3 k = c.poolKernels().get(s);
            out.add(new ParameterSpec("tu." + u + ".weight",
                    new long[] {c.features(s + 1), c.features(s), k.z(), k.y(), k.x()},
                    ParameterSpec.Init.KAIMING_NORMAL));
        }
        for (int u = 0; u < p; u++) {
            int s = p - 1 - u;
            out.add(new ParameterSpec("seg_outputs." + u + ".weight",
                    new long[] {c.numClasses(), c.features(s), 1, 1, 1}, ParameterSpec.Init.KAIMING_NORMAL));
        }
        return out;
    }

    private static void addBlock(List<ParameterSpec> out, String prefix, int in, int outCh, Kernel3 k) {
        out.add(new ParameterSpec(prefix + ".conv.weight", new long[] {outCh, in, k.z(), k.y(), k.x()},
                ParameterSpec.Init.KAIMING_NORMAL));
        out.add(new ParameterSpec(prefix + ".conv.bias", new long[] {outCh}, ParameterSpec.Init.ZEROS));
        out.add(new ParameterSpec(prefix + ".instnorm.weight", new long[] {outCh}, ParameterSpec.Init.ONES));
        out.add(new ParameterSpec(prefix + ".instnorm.bias", new long[] {outCh}, ParameterSpec.Init.ZEROS));
    }

    /**
     * Runs the network. Intermediate arrays are closed as soon as they are consumed (autograd
     * keeps what backward needs), which lowers peak memory and speeds up training.
     *
     * @param params the parameters, on the input's device
     * @param x input (N, C, z, y, x); not closed
     * @param outputs how many outputs to compute, 1..{@link #maxOutputs()}: [full, 1/2, ...]
     * @return logits, full resolution first
     */
    public NDList forward(UNet3dParameters params, NDArray x, int outputs) {
        return forward(params, x, outputs, Precision.FP32);
    }

    /**
     * As {@link #forward(UNet3dParameters, NDArray, int)}, with the convolutions in
     * {@code precision}; the outputs are float32 either way.
     */
    public NDList forward(UNet3dParameters params, NDArray x, int outputs, Precision precision) {
        Weights w = precision == Precision.BF16 ? new Bf16Weights(params) : params::get;
        if (precision == Precision.BF16) {
            x = params.casts().bf16(x);
        }
        NDList logits = forward(w, x, outputs);
        if (precision == Precision.BF16) {
            NDArray[] out = new NDArray[logits.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = params.casts().fp32(logits.get(i));
                logits.get(i).close();
            }
            x.close();
            return new NDList(out);
        }
        return logits;
    }

    /** Where the forward pass finds its weights: the parameters themselves, or casts of them. */
    @FunctionalInterface
    private interface Weights {
        NDArray get(String name);
    }

    /** Convolution weights and biases cast to bf16 (differentiably); norm scales stay float32. */
    private static final class Bf16Weights implements Weights {
        private final UNet3dParameters params;

        Bf16Weights(UNet3dParameters params) {
            this.params = params;
        }

        @Override
        public NDArray get(String name) {
            NDArray p = params.get(name);
            return name.contains(".instnorm.") ? p : params.casts().bf16(p);
        }
    }

    private NDList forward(Weights params, NDArray x, int outputs) {
        int p = config.numPools();
        if (outputs < 1 || outputs > p) {
            throw new IllegalArgumentException("outputs must be in 1.." + p + ", got " + outputs);
        }
        List<NDArray> skips = new ArrayList<>();
        NDArray cur = x;
        for (int d = 0; d < p; d++) {
            Kernel3 k = config.convKernels().get(d);
            String prefix = "conv_blocks_context." + d + ".blocks.";
            for (int j = 0; j < config.convsPerStage(); j++) {
                long[] stride = (j == 0 && d > 0) ? config.poolKernels().get(d - 1).toLongArray() : ONE;
                cur = block(params, prefix + j, cur, k, stride, j > 0);
            }
            skips.add(cur);
        }
        Kernel3 kb = config.convKernels().get(p);
        String bottleneck = "conv_blocks_context." + p + ".";
        long[] firstStride = config.poolKernels().get(p - 1).toLongArray();
        boolean first = true;
        for (int j = 0; j < config.convsPerStage() - 1; j++) {
            cur = block(params, bottleneck + "0.blocks." + j, cur, kb, first ? firstStride : ONE, !first);
            first = false;
        }
        cur = block(params, bottleneck + "1.blocks.0", cur, kb, first ? firstStride : ONE, !first);

        NDArray[] heads = new NDArray[outputs];
        for (int u = 0; u < p; u++) {
            int s = p - 1 - u;
            NDArray up = Ops3d.transposedConv(cur, params.get("tu." + u + ".weight"), config.poolKernels().get(s));
            cur.close();
            NDArray skip = skips.get(s);
            cur = up.concat(skip, 1);
            up.close();
            skip.close();
            Kernel3 k = config.convKernels().get(s + 1);
            String prefix = "conv_blocks_localization." + u + ".";
            for (int j = 0; j < config.convsPerStage() - 1; j++) {
                cur = block(params, prefix + "0.blocks." + j, cur, k, ONE, true);
            }
            cur = block(params, prefix + "1.blocks.0", cur, k, ONE, true);
            if (s < outputs) {
                heads[s] = Ops3d.conv(cur, params.get("seg_outputs." + u + ".weight"), null, ONE, ZERO);
            }
        }
        cur.close();
        return new NDList(heads);
    }

    private static final long[] ONE = {1, 1, 1};
    private static final long[] ZERO = {0, 0, 0};

    private static NDArray block(Weights params, String prefix, NDArray x, Kernel3 k, long[] stride,
            boolean closeInput) {
        NDArray c = Ops3d.conv(x, params.get(prefix + ".conv.weight"), params.get(prefix + ".conv.bias"), stride,
                k.samePadding());
        if (closeInput) {
            x.close();
        }
        NDArray n = Ops3d.instanceNorm(c, params.get(prefix + ".instnorm.weight"), params.get(prefix + ".instnorm.bias"));
        c.close();
        NDArray a = Ops3d.leakyRelu(n);
        n.close();
        return a;
    }
}
