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
        float[] dst = new float[outputLength(shape, axis, kernel)];
        pass(new FloatArray(src), new FloatArray(dst), shape, axis, kernel);
        return dst;
    }

    /** As {@link #along(float[], int[], int, AxisKernel)}, in double precision throughout. */
    static double[] along(double[] src, int[] shape, int axis, AxisKernel kernel) {
        double[] dst = new double[outputLength(shape, axis, kernel)];
        pass(new DoubleArray(src), new DoubleArray(dst), shape, axis, kernel);
        return dst;
    }

    private static int outputLength(int[] shape, int axis, AxisKernel kernel) {
        if (shape[axis] != kernel.in()) {
            throw new IllegalArgumentException("kernel expects " + kernel.in() + " points, axis " + axis
                    + " has " + shape[axis]);
        }
        return Math.multiplyExact(Math.multiplyExact(outer(shape, axis), kernel.out()), stride(shape, axis));
    }

    private static int outer(int[] shape, int axis) {
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= shape[a];
        }
        return outer;
    }

    private static int stride(int[] shape, int axis) {
        int stride = 1;
        for (int a = axis + 1; a < 3; a++) {
            stride *= shape[a];
        }
        return stride;
    }

    private static void pass(Lines src, Lines dst, int[] shape, int axis, AxisKernel kernel) {
        int outer = outer(shape, axis);
        int stride = stride(shape, axis);
        int in = kernel.in();
        int out = kernel.out();
        int blocksPerOuter = (stride + BLOCK - 1) / BLOCK;
        int tasks = outer * blocksPerOuter;
        IntStream range = IntStream.range(0, tasks);
        if ((long) dst.length() + src.length() > 1 << 16) {
            range = range.parallel();
        }
        ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[][] {
            new double[BLOCK * in], new double[BLOCK * out], new double[kernel.workLength()],
            new double[in], new double[out]});
        range.forEach(task -> {
            int o = task / blocksPerOuter;
            int b0 = (task % blocksPerOuter) * BLOCK;
            int width = Math.min(BLOCK, stride - b0);
            double[][] s = scratch.get();
            double[] lines = s[0];
            double[] results = s[1];
            double[] line = s[3];
            double[] res = s[4];
            int srcBase = o * in * stride + b0;
            for (int k = 0; k < in; k++) {
                src.read(srcBase + k * stride, width, lines, in, k);
            }
            for (int j = 0; j < width; j++) {
                System.arraycopy(lines, j * in, line, 0, in);
                kernel.apply(line, res, s[2]);
                System.arraycopy(res, 0, results, j * out, out);
            }
            int dstBase = o * out * stride + b0;
            for (int i = 0; i < out; i++) {
                dst.write(dstBase + i * stride, width, results, out, i);
            }
        });
    }

    /**
     * The array a pass reads or writes, in either precision; one call moves a run of
     * {@code width} consecutive elements, so the element loops stay on primitive arrays.
     */
    private sealed interface Lines permits FloatArray, DoubleArray {
        int length();

        /** {@code to[j * step + k] = this[p + j]} for j below {@code width}. */
        void read(int p, int width, double[] to, int step, int k);

        /** {@code this[p + j] = from[j * step + i]} for j below {@code width}. */
        void write(int p, int width, double[] from, int step, int i);
    }

    private record FloatArray(float[] a) implements Lines {
        @Override
        public int length() {
            return a.length;
        }

        @Override
        public void read(int p, int width, double[] to, int step, int k) {
            for (int j = 0; j < width; j++) {
                to[j * step + k] = a[p + j];
            }
        }

        @Override
        public void write(int p, int width, double[] from, int step, int i) {
            for (int j = 0; j < width; j++) {
                a[p + j] = (float) from[j * step + i];
            }
        }
    }

    private record DoubleArray(double[] a) implements Lines {
        @Override
        public int length() {
            return a.length;
        }

        @Override
        public void read(int p, int width, double[] to, int step, int k) {
            for (int j = 0; j < width; j++) {
                to[j * step + k] = a[p + j];
            }
        }

        @Override
        public void write(int p, int width, double[] from, int step, int i) {
            for (int j = 0; j < width; j++) {
                a[p + j] = from[j * step + i];
            }
        }
    }
}
