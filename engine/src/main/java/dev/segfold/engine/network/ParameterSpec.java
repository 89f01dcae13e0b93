package dev.segfold.engine.network;

/**
 * One learnable array of the network: its name (the key nnU-Net's Generic_UNet uses in its
 * PyTorch state dict, so parameter files map one to one onto the reference implementation), its
 * shape and how it is initialised.
 */
public record ParameterSpec(String name, long[] shape, Init init) {

    /** How a parameter starts, as nnU-Net's InitWeights_He and PyTorch's defaults do it. */
    public enum Init {
        /** Kaiming normal, a = 0.01, fan-in = shape[1] * kernel taps (PyTorch's rule for any conv weight). */
        KAIMING_NORMAL,
        ZEROS,
        ONES
    }

    /** Number of elements. */
    public long size() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** PyTorch's fan-in of a weight: size(1) times the product of the trailing (kernel) axes. */
    public long fanIn() {
        long f = shape.length > 1 ? shape[1] : 1;
        for (int i = 2; i < shape.length; i++) {
            f *= shape[i];
        }
        return f;
    }
}
