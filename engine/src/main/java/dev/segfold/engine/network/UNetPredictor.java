package dev.segfold.engine.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.segfold.engine.inference.PatchPredictor;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A trained {@link UNet3d} as sliding-window inference sees it: softmax of the full-resolution
 * output, no gradients, no deep-supervision heads. Instance norm has no running statistics, so
 * evaluation mode computes exactly what training mode does. Not thread-safe: one per thread.
 */
public final class UNetPredictor implements PatchPredictor, AutoCloseable {
    /** File names of a checkpoint directory that inference reads. */
    public static final String NETWORK_FILE = "network.json";
    public static final String MODEL_FILE = "model.params";

    private final NDManager manager;
    private final UNet3dParameters parameters;
    private final UNet3d network;
    private final Precision precision;

    private UNetPredictor(NDManager manager, UNet3dParameters parameters, Precision precision) {
        this.manager = manager;
        this.precision = precision;
        this.parameters = parameters;
        this.network = parameters.network();
    }

    /**
     * Loads a checkpoint directory written by the trainer; the manifest's sizes and hashes are
     * checked first, so a partial upload fails with the file's name.
     */
    public static UNetPredictor load(Path checkpointDir) throws IOException {
        return load(checkpointDir, Precision.FP32);
    }

    /** As {@link #load(Path)}, running the convolutions in {@code precision} (bf16: about twice as fast on AMX). */
    public static UNetPredictor load(Path checkpointDir, Precision precision) throws IOException {
        CheckpointStore.verify(checkpointDir);
        UNet3dConfig config = UNet3dConfig.fromJson(Files.readString(checkpointDir.resolve(NETWORK_FILE)));
        NDManager m = TorchRuntime.newManager();
        try {
            return new UNetPredictor(m, UNet3dParameters.load(UNet3d.of(config), m, checkpointDir.resolve(MODEL_FILE)),
                    precision);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Wraps parameters already in memory (a copy is not made; the caller keeps ownership). */
    public static UNetPredictor of(UNet3dParameters parameters) {
        return of(parameters, Precision.FP32);
    }

    public static UNetPredictor of(UNet3dParameters parameters, Precision precision) {
        return new UNetPredictor(null, parameters, precision);
    }

    public UNet3d network() {
        return network;
    }

    @Override
    public int numClasses() {
        return network.config().numClasses();
    }

    @Override
    public float[] softmax(float[] input, int batch, int channels, int[] patchShape) {
        if (channels != network.config().inputChannels()) {
            throw new IllegalArgumentException(
                    "input has " + channels + " channels, the network takes " + network.config().inputChannels());
        }
        long voxels = (long) patchShape[0] * patchShape[1] * patchShape[2];
        if (input.length != batch * channels * voxels) {
            throw new IllegalArgumentException("input length " + input.length + " is not batch " + batch
                    + " x channels " + channels + " x patch " + Arrays.toString(patchShape));
        }
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = parameters.manager().create(input,
                    new Shape(batch, channels, patchShape[0], patchShape[1], patchShape[2]));
            NDList out = network.forward(parameters, x, 1, precision);
            return out.get(0).softmax(1).toFloatArray();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    @Override
    public void close() {
        if (manager != null) {
            parameters.close();
            manager.close();
        }
    }
}
