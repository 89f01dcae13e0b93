package dev.segfold.engine.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The learnable arrays of one {@link UNet3d}, by state-dict name, owned by their own
 * {@link NDManager}. Saved as a NumPy {@code .npz} archive (DJL's NPZ encoding) so the reference
 * PyTorch implementation, or numpy, can read the same file.
 */
public final class UNet3dParameters implements AutoCloseable {
    private final UNet3d network;
    private final NDManager manager;
    private final Map<String, NDArray> arrays;
    private Bf16Casts casts;

    private UNet3dParameters(UNet3d network, NDManager manager, Map<String, NDArray> arrays) {
        this.network = network;
        this.manager = manager;
        this.arrays = arrays;
    }

    /**
     * Fresh parameters: Kaiming-normal (a = 0.01, fan-in) conv and transposed-conv weights, zero
     * biases, unit norm scales, drawn from {@code java.util.Random(seed)} in spec order so that the
     * same seed gives the same network on any machine.
     */
    public static UNet3dParameters initialize(UNet3d network, NDManager parent, long seed) {
        NDManager m = parent.newSubManager();
        Random rnd = new Random(seed);
        double gain = Math.sqrt(2.0 / (1 + 0.01 * 0.01));
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (ParameterSpec spec : network.parameterSpecs()) {
            float[] values = new float[Math.toIntExact(spec.size())];
            switch (spec.init()) {
                case KAIMING_NORMAL -> {
                    double std = gain / Math.sqrt(spec.fanIn());
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (float) (rnd.nextGaussian() * std);
                    }
                }
                case ONES -> Arrays.fill(values, 1f);
                case ZEROS -> { }
            }
            NDArray a = m.create(values, new Shape(spec.shape()));
            NDScope.unregister(a); // parameters outlive any step scope they are created in
            a.setName(spec.name());
            arrays.put(spec.name(), a);
        }
        return new UNet3dParameters(network, m, arrays);
    }

    /** Reads a file written by {@link #save(Path)} and checks every name and shape against the network. */
    public static UNet3dParameters load(UNet3d network, NDManager parent, Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(network, parent, in, file.toString());
        }
    }

    /** As {@link #load(UNet3d, NDManager, Path)}; {@code source} names the stream in error messages. */
    public static UNet3dParameters read(UNet3d network, NDManager parent, InputStream in, String source)
            throws IOException {
        NDManager m = parent.newSubManager();
        try {
            NDList list = NDList.decode(m, in);
            Map<String, NDArray> byName = new LinkedHashMap<>();
            for (NDArray a : list) {
                NDScope.unregister(a);
                byName.put(a.getName(), a);
            }
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            for (ParameterSpec spec : network.parameterSpecs()) {
                NDArray a = byName.remove(spec.name());
                if (a == null) {
                    throw new IOException(source + ": parameter '" + spec.name() + "' is missing");
                }
                if (!a.getShape().equals(new Shape(spec.shape()))) {
                    throw new IOException(source + ": parameter '" + spec.name() + "' has shape " + a.getShape()
                            + ", the network needs " + new Shape(spec.shape()));
                }
                if (a.getDataType() != DataType.FLOAT32) {
                    throw new IOException(source + ": parameter '" + spec.name() + "' is " + a.getDataType()
                            + ", expected float32");
                }
                arrays.put(spec.name(), a);
            }
            if (!byName.isEmpty()) {
                throw new IOException(source + ": unknown parameters " + byName.keySet());
            }
            return new UNet3dParameters(network, m, arrays);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Writes all parameters as an npz archive, in spec order. */
    public void save(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(out);
        }
    }

    public void write(OutputStream out) throws IOException {
        NDList list = new NDList();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            e.getValue().setName(e.getKey());
            list.add(e.getValue());
        }
        list.encode(out, NDList.Encoding.NPZ);
    }

    public UNet3d network() {
        return network;
    }

    public NDManager manager() {
        return manager;
    }

    /** The array called {@code name}; fails naming it when absent. */
    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'");
        }
        return a;
    }

    public Set<String> names() {
        return arrays.keySet();
    }

    public Collection<NDArray> arrays() {
        return arrays.values();
    }

    /** Parameter values as a Java array, for tests and comparisons. */
    public float[] values(String name) {
        return get(name).toFloatArray();
    }

    /** Number of scalars over all parameters. */
    public long count() {
        long n = 0;
        for (NDArray a : arrays.values()) {
            n += a.size();
        }
        return n;
    }

    /** Marks the arrays named (or all, when {@code names} is null) as needing gradients. */
    public void requireGradients(List<String> names) {
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            if (names == null || names.contains(e.getKey())) {
                e.getValue().setRequiresGradient(true);
            }
        }
    }

    /** The bf16 cast modules, loaded on first use and closed with the parameters. */
    Bf16Casts casts() {
        if (casts == null) {
            casts = new Bf16Casts(manager);
        }
        return casts;
    }

    @Override
    public void close() {
        if (casts != null) {
            casts.close();
        }
        manager.close();
    }
}
