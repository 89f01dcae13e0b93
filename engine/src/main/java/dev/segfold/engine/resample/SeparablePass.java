package dev.segfold.engine.resample;

import java.util.stream.IntStream;

/**
 * One separable pass: every line of a (z, y, x) array along one axis goes through an
 * {@link AxisKernel}. Splines, linear and nearest interpolation are tensor products, so a 3D
 * resize is three such passes; this keeps a 512x512x100 volume at O(voxels) work per axis.
 */
final class SeparablePass {
    /** Lines read together along a strided axis, so that reads stay within cache lines. */
    private static final int BLOCK = 16;

    private SeparablePass() {}

    /** The array of shape {@code shape} with axis {@code axis} resampled by {@code kernel}. */
    static float[] along(float[] src, int[] shape, int axis, AxisKernel kernel) {
        if (shape[axis] != kernel.in()) {
            throw new IllegalArgumentException("kernel expects " + kernel.in() + " points, axis " + axis
                    + " has " + shape[axis]);
        }
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= shape[a];
        }
        int stride = 1;
        for (int a = axis + 1; a < 3; a++) {
            stride *= shape[a];
        }
        int in = kernel.in();
        int out = kernel.out();
        float[] dst = new float[Math.multiplyExact(Math.multiplyExact(outer, out), stride)];
        int blocksPerOuter = (stride + BLOCK - 1) / BLOCK;
        int tasks = outer * blocksPerOuter;
        final int fStride = stride;
        IntStream range = IntStream.range(0, tasks);
        if ((long) dst.length + src.length > 1 << 16) {
            range = range.parallel();
        }
        ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[][] {
            new double[BLOCK * in], new double[BLOCK * out], new double[kernel.workLength()],
            new double[in], new double[out]});
        range.forEach(task -> {
            int o = task / blocksPerOuter;
            int b0 = (task % blocksPerOuter) * BLOCK;
            int width = Math.min(BLOCK, fStride - b0);
            double[][] s = scratch.get();
            double[] lines = s[0];
            double[] results = s[1];
            double[] line = s[3];
            double[] res = s[4];
            int srcBase = o * in * fStride + b0;
            for (int k = 0; k < in; k++) {
                int p = srcBase + k * fStride;
                for (int j = 0; j < width; j++) {
                    lines[j * in + k] = src[p + j];
                }
            }
            for (int j = 0; j < width; j++) {
                System.arraycopy(lines, j * in, line, 0, in);
                kernel.apply(line, res, s[2]);
                System.arraycopy(res, 0, results, j * out, out);
            }
            int dstBase = o * out * fStride + b0;
            for (int i = 0; i < out; i++) {
                int p = dstBase + i * fStride;
                for (int j = 0; j < width; j++) {
                    dst[p + j] = (float) results[j * out + i];
                }
            }
        });
        return dst;
    }

    /** As {@link #along(float[], int[], int, AxisKernel)}, in double precision throughout. The array of shape {@code shape} with axis {@code axis} resampled by {@code kernel}. */
    static double[] along(double[] src, int[] shape, int axis, AxisKernel kernel) {
        if (shape[axis] != kernel.in()) {
            throw new IllegalArgumentException("kernel expects " + kernel.in() + " points, axis " + axis
                    + " has " + shape[axis]);
        }
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= shape[a];
        }
        int stride = 1;
        for (int a = axis + 1; a < 3; a++) {
            stride *= shape[a];
        }
        int in = kernel.in();
        int out = kernel.out();
        double[] dst = new double[Math.multiplyExact(Math.multiplyExact(outer, out), stride)];
        int blocksPerOuter = (stride + BLOCK - 1) / BLOCK;
        int tasks = outer * blocksPerOuter;
        final int fStride = stride;
        IntStream range = IntStream.range(0, tasks);
        if ((long) dst.length + src.length > 1 << 16) {
            range = range.parallel();
        }
        ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[][] {
            new double[BLOCK * in], new double[BLOCK * out], new double[kernel.workLength()],
            new double[in], new double[out]});
        range.forEach(task -> {
            int o = task / blocksPerOuter;
            int b0 = (task % blocksPerOuter) * BLOCK;
            int width = Math.min(BLOCK, fStride - b0);
            double[][] s = scratch.get();
            double[] lines = s[0];
            double[] results = s[1];
            double[] line = s[3];
            double[] res = s[4];
            int srcBase = o * in * fStride + b0;
            for (int k = 0; k < in; k++) {
                int p = srcBase + k * fStride;
                for (int j = 0; j < width; j++) {
                    lines[j * in + k] = src[p + j];
                }
            }
            for (int j = 0; j < width; j++) {
                System.arraycopy(lines, j * in, line, 0, in);
                kernel.apply(line, res, s[2]);
                System.arraycopy(res, 0, results, j * out, out);
            }
            int dstBase = o * out * fStride + b0;
            for (int i = 0; i < out; i++) {
                int p = dstBase + i * fStride;
                for (int j = 0; j < width; j++) {
                    dst[p + j] = results[j * out + i];
                }
            }
        });
        return dst;
    }
}
