package dev.segfold.engine.network;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Process-wide settings of the PyTorch native library that every network in this JVM shares: the
 * number of intra-op threads and the device arrays are created on. Each setter loads the native
 * library first, because PyTorch's thread setting is a native call that fails with
 * {@link UnsatisfiedLinkError} before it is loaded.
 */
public final class TorchRuntime {
    /** Where the networks of this process compute. */
    public enum DeviceChoice {
        /** The first CUDA device when the PyTorch library sees one, else the CPU (DJL's default). */
        AUTO,
        CPU,
        /** The first CUDA device; refused when there is none. */
        GPU;

        /** Parses {@code auto}, {@code cpu} or {@code gpu}, any case. */
        public static DeviceChoice parse(String value) {
            for (DeviceChoice c : values()) {
                if (c.name().equalsIgnoreCase(value)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("device must be auto, cpu or gpu, got '" + value + "'");
        }
    }

    private static volatile Device device;

    private TorchRuntime() {}

    /** Sets PyTorch's intra-op threads for this process. */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Engine.getInstance();
        JniUtils.setNumThreads(threads);
    }

    /** PyTorch's intra-op threads for this process. */
    public static int threads() {
        Engine.getInstance();
        return JniUtils.getNumThreads();
    }

    /** Chooses the device of every network created after this call; returns the device chosen. */
    public static Device useDevice(DeviceChoice choice) {
        Engine engine = Engine.getInstance();
        int gpus = engine.getGpuCount();
        Device chosen = switch (choice) {
            case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
            case CPU -> Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new IllegalStateException("--device gpu: the PyTorch library (" + engine.getVersion()
                            + ") sees no CUDA device; use a CUDA build of libtorch (PYTORCH_LIBRARY_PATH) or --device cpu");
                }
                yield Device.gpu();
            }
        };
        device = chosen;
        return chosen;
    }

    /** The device networks compute on: the one chosen, else DJL's default (a GPU when there is one). */
    public static Device device() {
        Device d = device;
        return d != null ? d : Engine.getInstance().defaultDevice();
    }

    /** A new root manager on {@link #device()}. */
    public static NDManager newManager() {
        return NDManager.newBaseManager(device());
    }
}
