package dev.segfold.engine.inference;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.preprocess.PreprocessedCase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Predicts a whole preprocessed case with a patch-sized network, as nnU-Net v1's
 * {@code _internal_predict_3D_3Dconv_tiled}: zero-pads the case to at least the patch size
 * ({@code d // 2} before, the rest after), runs overlapping tiles at the positions of
 * {@link SlidingWindowSteps}, averages each tile over the mirror flips, weights it with the
 * {@link GaussianImportanceMap} (only when there is more than one tile), divides the weighted sum
 * by the summed weights and crops the padding off.
 *
 * <p>Network calls go through {@link PatchPredictor}. Every call holds whole tiles: all mirror
 * flips of a tile go through the network as one batch (one call per tile by default), because a
 * batch of 8 costs the network far less than 8 calls of one on a CPU (the weights and the
 * per-call work are shared). Not thread-safe; one instance per thread.
 */
public final class SlidingWindowPredictor {
    private final PatchPredictor predictor;
    private final int[] patchShape;
    private final double stepSize;
    private final List<MirrorFlip> flips;
    private final boolean gaussian;
    private final int tilesPerCall;
    private Volume gaussianMap;

    private SlidingWindowPredictor(Builder b) {
        this.predictor = b.predictor;
        this.patchShape = b.patchShape.clone();
        this.stepSize = b.stepSize;
        this.flips = b.mirroring ? MirrorFlip.allSubsets(b.mirrorAxes) : List.of(MirrorFlip.NONE);
        this.gaussian = b.gaussian;
        this.tilesPerCall = Math.max(1, (b.batchSize + flips.size() - 1) / flips.size());
    }

    /**
     * A predictor with nnU-Net's defaults: step 0.5, mirroring over all three axes, Gaussian
     * weighting; one tile with its 8 flips per network call.
     *
     * @param predictor the network
     * @param patchShape the training patch size (z, y, x)
     */
    public static Builder builder(PatchPredictor predictor, int[] patchShape) {
        return new Builder(predictor, patchShape);
    }

    /** The flips every tile is averaged over, the identity first. */
    public List<MirrorFlip> flips() {
        return flips;
    }

    /**
     * Softmax of a case.
     *
     * @param image one volume per input channel, all of one shape, in preprocessed space
     * @return one probability volume per class, in the shape of the input
     */
    public Volume[] predict(Volume[] image) {
        int[] shape = checkChannels(image);
        int channels = image.length;
        int classes = predictor.numClasses();
        Padding padding = Padding.toAtLeast(shape, patchShape);
        int[] padded = padding.paddedShape();
        float[][] data = new float[channels][];
        for (int c = 0; c < channels; c++) {
            data[c] = padding.pad(image[c]);
        }
        List<int[]> tiles = tiles(padded);
        int patchVoxels = patchShape[0] * patchShape[1] * patchShape[2];
        float[] weight = gaussian && tiles.size() > 1 ? gaussian().data() : ones(patchVoxels);
        int[][] flipMaps = new int[flips.size()][];
        for (int f = 0; f < flips.size(); f++) {
            flipMaps[f] = flips.get(f).indexMap(patchShape);
        }

        Blend blend = new Blend(classes, padded);
        float flipShare = 1f / flips.size();
        float[] weighted = new float[patchVoxels];
        // items are (tile, flip) pairs, the flips of a tile consecutive, so each tile is read once
        int items = tiles.size() * flips.size();
        int perCall = tilesPerCall * flips.size();
        int cachedTile = -1;
        float[][] tileData = new float[channels][];
        for (int first = 0; first < items; first += perCall) {
            int n = Math.min(perCall, items - first);
            float[] input = new float[n * channels * patchVoxels];
            for (int b = 0; b < n; b++) {
                int tileIndex = (first + b) / flips.size();
                if (tileIndex != cachedTile) {
                    for (int c = 0; c < channels; c++) {
                        tileData[c] = readTile(data[c], padded, tiles.get(tileIndex));
                    }
                    cachedTile = tileIndex;
                }
                int[] map = flipMaps[(first + b) % flips.size()];
                for (int c = 0; c < channels; c++) {
                    float[] patch = tileData[c];
                    int offset = (b * channels + c) * patchVoxels;
                    for (int i = 0; i < patchVoxels; i++) {
                        input[offset + i] = patch[map[i]];
                    }
                }
            }
            float[] output = predictor.softmax(input, n, channels, patchShape.clone());
            checkOutput(output, n, classes, patchVoxels);
            for (int b = 0; b < n; b++) {
                int item = first + b;
                int[] tile = tiles.get(item / flips.size());
                int[] map = flipMaps[item % flips.size()];
                for (int k = 0; k < classes; k++) {
                    int offset = (b * classes + k) * patchVoxels;
                    for (int i = 0; i < patchVoxels; i++) {
                        weighted[i] = output[offset + map[i]] * flipShare * weight[i];
                    }
                    blend.add(blend.sum[k], tile, weighted);
                }
                if (item % flips.size() == 0) {
                    blend.add(blend.norm, tile, weight);
                }
            }
        }
        return blend.finish(padding);
    }

    /** Softmax of a preprocessed case's channels (see {@link #predict(Volume[])}). */
    public Volume[] predict(PreprocessedCase preprocessed) {
        try {
            return predict(preprocessed.data());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("case " + preprocessed.caseId() + ": " + e.getMessage(), e);
        }
    }

    private List<int[]> tiles(int[] padded) {
        int[][] steps = SlidingWindowSteps.of(patchShape, padded, stepSize);
        List<int[]> tiles = new ArrayList<>();
        for (int z : steps[0]) {
            for (int y : steps[1]) {
                for (int x : steps[2]) {
                    tiles.add(new int[] {z, y, x});
                }
            }
        }
        return tiles;
    }

    private void checkOutput(float[] output, int n, int classes, int patchVoxels) {
        if (output == null || output.length != n * classes * patchVoxels) {
            throw new IllegalStateException("PatchPredictor returned "
                    + (output == null ? "null" : output.length + " values")
                    + ", expected batch " + n + " x classes " + classes + " x patch "
                    + Arrays.toString(patchShape) + " = " + n * classes * patchVoxels);
        }
    }

    /** Weighted sums of the tiles per class and the summed weights, over the padded image. */
    private final class Blend {
        final int[] shape;
        final float[][] sum;
        final float[] norm;

        Blend(int classes, int[] paddedShape) {
            shape = paddedShape;
            int voxels = shape[0] * shape[1] * shape[2];
            sum = new float[classes][voxels];
            norm = new float[voxels];
        }

        void add(float[] target, int[] start, float[] patch) {
            int pd = patchShape[0], ph = patchShape[1], pw = patchShape[2];
            int i = 0;
            for (int z = 0; z < pd; z++) {
                for (int y = 0; y < ph; y++) {
                    int dst = ((start[0] + z) * shape[1] + start[1] + y) * shape[2] + start[2];
                    for (int x = 0; x < pw; x++) {
                        target[dst + x] += patch[i++];
                    }
                }
            }
        }

        Volume[] finish(Padding padding) {
            Volume[] result = new Volume[sum.length];
            for (int k = 0; k < sum.length; k++) {
                float[] s = sum[k];
                for (int i = 0; i < s.length; i++) {
                    s[i] /= norm[i];
                }
                result[k] = padding.crop(s);
            }
            return result;
        }
    }

    private Volume gaussian() {
        if (gaussianMap == null) {
            gaussianMap = GaussianImportanceMap.of(patchShape);
        }
        return gaussianMap;
    }

    private static float[] ones(int n) {
        float[] w = new float[n];
        Arrays.fill(w, 1f);
        return w;
    }

    private static int[] checkChannels(Volume[] image) {
        if (image == null || image.length == 0) {
            throw new IllegalArgumentException("image needs at least one channel");
        }
        int[] shape = image[0].shape();
        for (int c = 1; c < image.length; c++) {
            if (!Arrays.equals(shape, image[c].shape())) {
                throw new IllegalArgumentException("channel " + c + " has shape " + Arrays.toString(image[c].shape())
                        + " but channel 0 has " + Arrays.toString(shape));
            }
        }
        return shape;
    }

    private float[] readTile(float[] data, int[] shape, int[] start) {
        int pd = patchShape[0], ph = patchShape[1], pw = patchShape[2];
        float[] patch = new float[pd * ph * pw];
        int i = 0;
        for (int z = 0; z < pd; z++) {
            for (int y = 0; y < ph; y++) {
                int src = ((start[0] + z) * shape[1] + start[1] + y) * shape[2] + start[2];
                System.arraycopy(data, src, patch, i, pw);
                i += pw;
            }
        }
        return patch;
    }

    /** Settings of a {@link SlidingWindowPredictor}; required ones in the constructor. */
    public static final class Builder {
        private final PatchPredictor predictor;
        private final int[] patchShape;
        private double stepSize = 0.5;
        private boolean mirroring = true;
        private Set<Integer> mirrorAxes = Set.of(0, 1, 2);
        private boolean gaussian = true;
        private int batchSize = 1;

        private Builder(PatchPredictor predictor, int[] patchShape) {
            if (predictor == null) {
                throw new IllegalArgumentException("predictor is required");
            }
            if (patchShape == null || patchShape.length != 3
                    || patchShape[0] < 1 || patchShape[1] < 1 || patchShape[2] < 1) {
                throw new IllegalArgumentException("patchShape must be 3 positive lengths (z, y, x), got "
                        + Arrays.toString(patchShape));
            }
            this.predictor = predictor;
            this.patchShape = patchShape.clone();
        }

        /** Tile stride as a fraction of the patch, in (0, 1]; default 0.5. */
        public Builder optStepSize(double stepSize) {
            if (!(stepSize > 0 && stepSize <= 1)) {
                throw new IllegalArgumentException("stepSize must be in (0, 1], got " + stepSize);
            }
            this.stepSize = stepSize;
            return this;
        }

        /** Test-time mirroring on or off; default on. */
        public Builder optMirroring(boolean mirroring) {
            this.mirroring = mirroring;
            return this;
        }

        /** Axes (0 = z, 1 = y, 2 = x) whose subsets are mirrored; default all three. */
        public Builder optMirrorAxes(int... axes) {
            Set<Integer> set = new java.util.TreeSet<>();
            for (int a : axes) {
                if (a < 0 || a > 2) {
                    throw new IllegalArgumentException("mirror axis must be 0 (z), 1 (y) or 2 (x), got " + a);
                }
                set.add(a);
            }
            this.mirrorAxes = set;
            return this;
        }

        /** Gaussian blending of overlapping tiles; default on (plain averaging when off). */
        public Builder optGaussian(boolean gaussian) {
            this.gaussian = gaussian;
            return this;
        }

        /**
         * Patches per network call, rounded up to whole tiles so that the flips of a tile always
         * share a call: with 8 flips, 1 to 8 means one tile a call, 9 to 16 two. Default 1 (one
         * tile a call): more tiles a call save little and cost memory in proportion.
         */
        public Builder optBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public SlidingWindowPredictor build() {
            return new SlidingWindowPredictor(this);
        }
    }
}
