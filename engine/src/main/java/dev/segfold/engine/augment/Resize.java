package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;

/**
 * skimage's {@code resize(..., mode='edge', anti_aliasing=False)} for order 0 (nearest) and order
 * 3 (cubic spline), done one axis at a time: output sample i along an axis of n -> m samples reads
 * the input at (i + 0.5) n / m - 0.5, the input being extended by its edge values. Like skimage's
 * default {@code clip=True}, the cubic result is clipped to the input's range, so the spline's
 * overshoot never leaves it.
 */
public final class Resize {
    private Resize() {}

    /** Nearest-neighbour resize to {@code target} (z, y, x). */
    public static Volume nearest(Volume v, int[] target) {
        return resize(v, target, false);
    }

    /** Cubic-spline resize to {@code target} (z, y, x). */
    public static Volume cubic(Volume v, int[] target) {
        Volume out = resize(v, target, true);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float f : v.data()) {
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        float[] a = out.data();
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.min(hi, Math.max(lo, a[i]));
        }
        return out;
    }

    private static Volume resize(Volume v, int[] target, boolean cubic) {
        Volume cur = v;
        for (int axis = 2; axis >= 0; axis--) {
            if (cur.shape()[axis] != target[axis]) {
                cur = resizeAxis(cur, axis, target[axis], cubic);
            }
        }
        return cur == v ? v.copy() : cur;
    }

    private static Volume resizeAxis(Volume v, int axis, int m, boolean cubic) {
        int[] in = v.shape();
        int n = in[axis];
        int[] outShape = in.clone();
        outShape[axis] = m;
        int[] inStrides = {in[1] * in[2], in[2], 1};
        int[] outStrides = {outShape[1] * outShape[2], outShape[2], 1};
        int a1 = axis == 0 ? 1 : 0;
        int a2 = axis == 2 ? 1 : 2;
        float[] src = v.data();
        float[] dst = new float[outShape[0] * outShape[1] * outShape[2]];
        double[] line = new double[n];
        double[] res = new double[m];
        CubicBSpline.LineResampler resampler = cubic ? new CubicBSpline.LineResampler(n, m) : null;
        int[] nearestIndex = new int[m];
        for (int i = 0; i < m; i++) {
            double x = (i + 0.5) * n / m - 0.5;
            nearestIndex[i] = Math.min(n - 1, Math.max(0, (int) Math.floor(x + 0.5)));
        }
        for (int i = 0; i < in[a1]; i++) {
            for (int j = 0; j < in[a2]; j++) {
                int inBase = i * inStrides[a1] + j * inStrides[a2];
                int outBase = i * outStrides[a1] + j * outStrides[a2];
                if (cubic) {
                    for (int k = 0; k < n; k++) {
                        line[k] = src[inBase + k * inStrides[axis]];
                    }
                    resampler.resample(line, res);
                    for (int k = 0; k < m; k++) {
                        dst[outBase + k * outStrides[axis]] = (float) res[k];
                    }
                } else {
                    for (int k = 0; k < m; k++) {
                        dst[outBase + k * outStrides[axis]] = src[inBase + nearestIndex[k] * inStrides[axis]];
                    }
                }
            }
        }
        return new Volume(outShape, dst);
    }
}
