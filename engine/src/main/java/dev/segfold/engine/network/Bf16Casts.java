package dev.segfold.engine.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Differentiable casts between float32 and bfloat16. DJL 0.36 aborts the JVM on
 * {@code toType(BFLOAT16)}, so the casts are two tiny TorchScript modules (written by
 * bench/make_casts.py, shipped as resources) whose outputs autograd accepts when they are called
 * in training mode. Arrays in bf16 show as data type UNKNOWN in DJL; cast back before reading.
 */
final class Bf16Casts implements AutoCloseable {
    private final PtSymbolBlock toBf16;
    private final PtSymbolBlock toFp32;
    private final ParameterStore store;

    Bf16Casts(NDManager manager) {
        this.store = new ParameterStore(manager, false);
        this.toBf16 = load((PtNDManager) manager, "to_bf16.pt");
        this.toFp32 = load((PtNDManager) manager, "to_fp32.pt");
    }

    private static PtSymbolBlock load(PtNDManager manager, String resource) {
        try (InputStream in = Bf16Casts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " (run bench/make_casts.py)");
            }
            return JniUtils.loadModule(manager, in, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load TorchScript module " + resource, e);
        }
    }

    NDArray bf16(NDArray x) {
        return call(toBf16, x);
    }

    NDArray fp32(NDArray x) {
        return call(toFp32, x);
    }

    private NDArray call(PtSymbolBlock module, NDArray x) {
        // DJL turns inputs whose names contain dots (parameter names do) into a Dict argument,
        // so a named array goes in through an unnamed view.
        NDArray in = x.getName() == null ? x : x.reshape(x.getShape());
        NDArray out = module.forward(store, new NDList(in), true).singletonOrThrow();
        if (in != x) {
            in.close();
        }
        return out;
    }

    @Override
    public void close() {
        toBf16.close();
        toFp32.close();
    }
}
