package dev.segfold.engine.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The shape of nnU-Net's Generic_UNet as the plans define it: everything needed to rebuild the
 * same network and read its parameter file. Crosses boundaries (checkpoints, services) as JSON.
 *
 * @param inputChannels modalities (plus one-hot previous-stage channels in a cascade)
 * @param numClasses output classes including background
 * @param baseFeatures channels of the first stage (32 in nnU-Net)
 * @param maxFeatures cap on channels of any stage (320 in 3D)
 * @param poolKernels one stride per downsampling, P entries
 * @param convKernels one kernel per resolution, P + 1 entries (the last is the bottleneck's)
 * @param convsPerStage conv-norm-nonlinearity blocks per stage (2 in nnU-Net)
 * @param deepSupervision whether training uses the lower-resolution outputs too
 */
public record UNet3dConfig(
        int inputChannels,
        int numClasses,
        int baseFeatures,
        int maxFeatures,
        List<Kernel3> poolKernels,
        List<Kernel3> convKernels,
        int convsPerStage,
        boolean deepSupervision) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public UNet3dConfig {
        requirePositive("inputChannels", inputChannels);
        requirePositive("baseFeatures", baseFeatures);
        requirePositive("convsPerStage", convsPerStage);
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2 (background + one class), got " + numClasses);
        }
        if (maxFeatures < baseFeatures) {
            throw new IllegalArgumentException(
                    "maxFeatures (" + maxFeatures + ") must be >= baseFeatures (" + baseFeatures + ")");
        }
        if (poolKernels == null || poolKernels.isEmpty()) {
            throw new IllegalArgumentException("poolKernels must list at least one downsampling");
        }
        if (convKernels == null || convKernels.size() != poolKernels.size() + 1) {
            throw new IllegalArgumentException("convKernels needs poolKernels + 1 = " + (poolKernels.size() + 1)
                    + " entries, got " + (convKernels == null ? 0 : convKernels.size()));
        }
        for (int i = 0; i < convKernels.size(); i++) {
            Kernel3 k = convKernels.get(i);
            if (k.z() % 2 == 0 || k.y() % 2 == 0 || k.x() % 2 == 0) {
                throw new IllegalArgumentException("convKernels[" + i + "] = " + k + " must be odd on every axis");
            }
        }
        poolKernels = List.copyOf(poolKernels);
        convKernels = List.copyOf(convKernels);
    }

    private static void requirePositive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, got " + value);
        }
    }

    /** Number of downsamplings P; the network has P + 1 resolutions and P decoder outputs. */
    public int numPools() {
        return poolKernels.size();
    }

    /** Channels at resolution {@code d} (0 = full, P = bottleneck): min(base * 2^d, max). */
    public int features(int d) {
        long f = (long) baseFeatures << Math.min(d, 30);
        return (int) Math.min(f, maxFeatures);
    }

    /**
     * Spatial shape of resolution {@code d} for an input patch, (z, y, x). A patch the plans
     * produced divides exactly; others follow the strided convolution's ceil rule.
     */
    public int[] shapeAt(int d, int[] patch) {
        int[] s = patch.clone();
        for (int i = 0; i < d; i++) {
            Kernel3 p = poolKernels.get(i);
            s[0] = ceilDiv(s[0], p.z());
            s[1] = ceilDiv(s[1], p.y());
            s[2] = ceilDiv(s[2], p.x());
        }
        return s;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Canonical JSON of this configuration. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write network config as JSON", e);
        }
    }

    /** Parses what {@link #toJson()} wrote. */
    public static UNet3dConfig fromJson(String json) {
        try {
            return JSON.readValue(json, UNet3dConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid network config JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** SHA-256 hex of the canonical JSON: identifies the architecture in checkpoints. */
    public String digest() {
        return sha256(toJson());
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builder in DJL's style: required settings as plain setters, optional ones as {@code opt*}. */
    public static final class Builder {
        private int inputChannels = 1;
        private int numClasses = -1;
        private int baseFeatures = 32;
        private int maxFeatures = 320;
        private List<Kernel3> poolKernels;
        private List<Kernel3> convKernels;
        private int convsPerStage = 2;
        private boolean deepSupervision = true;

        Builder() {}

        public Builder inputChannels(int channels) {
            this.inputChannels = channels;
            return this;
        }

        public Builder numClasses(int classes) {
            this.numClasses = classes;
            return this;
        }

        public Builder baseFeatures(int features) {
            this.baseFeatures = features;
            return this;
        }

        public Builder maxFeatures(int features) {
            this.maxFeatures = features;
            return this;
        }

        /** Strides of the P downsamplings, each {z, y, x}. */
        public Builder poolKernels(int[]... kernels) {
            this.poolKernels = toKernels(kernels);
            return this;
        }

        public Builder poolKernels(List<Kernel3> kernels) {
            this.poolKernels = List.copyOf(kernels);
            return this;
        }

        /** Conv kernels of the P + 1 resolutions, each {z, y, x}; default 3x3x3 everywhere. */
        public Builder convKernels(int[]... kernels) {
            this.convKernels = toKernels(kernels);
            return this;
        }

        public Builder convKernels(List<Kernel3> kernels) {
            this.convKernels = List.copyOf(kernels);
            return this;
        }

        /** P isotropic [2,2,2] pools (the Hippocampus plan has 3). */
        public Builder isotropicPools(int pools) {
            List<Kernel3> k = new ArrayList<>();
            for (int i = 0; i < pools; i++) {
                k.add(Kernel3.cube(2));
            }
            this.poolKernels = k;
            return this;
        }

        public Builder optConvsPerStage(int convs) {
            this.convsPerStage = convs;
            return this;
        }

        public Builder optDeepSupervision(boolean enabled) {
            this.deepSupervision = enabled;
            return this;
        }

        private static List<Kernel3> toKernels(int[][] kernels) {
            List<Kernel3> out = new ArrayList<>();
            for (int[] k : kernels) {
                out.add(Kernel3.of(k));
            }
            return out;
        }

        /** The validated configuration. */
        public UNet3dConfig config() {
            if (poolKernels == null) {
                throw new IllegalArgumentException("poolKernels is required");
            }
            List<Kernel3> convs = convKernels;
            if (convs == null) {
                convs = new ArrayList<>();
                for (int i = 0; i <= poolKernels.size(); i++) {
                    convs.add(Kernel3.cube(3));
                }
            }
            return new UNet3dConfig(inputChannels, numClasses, baseFeatures, maxFeatures, poolKernels, convs,
                    convsPerStage, deepSupervision);
        }

        /** The network for the validated configuration. */
        public UNet3d build() {
            return new UNet3d(config());
        }
    }
}
