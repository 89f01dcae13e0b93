package dev.segfold.engine.plan;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * The few numpy reductions whose exact conventions decide plan values (a patch edge or a batch
 * size can flip on them), reproduced here so the Java planner agrees with nnU-Net's.
 */
final class NumpyMath {
    private NumpyMath() {
    }

    /** {@code np.round}: half to even. */
    static long round(double v) {
        return (long) Math.rint(v);
    }

    /** {@code np.percentile(values, q)} with the default linear method, numpy 1.22+ arithmetic. */
    static double percentile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] a = values.clone();
        Arrays.sort(a);
        int n = a.length;
        double quantile = q / 100.0;
        double virtual = (n - 1) * quantile;
        double previous = Math.floor(virtual);
        double gamma = virtual - previous;
        int lo = (int) Math.max(0, Math.min(n - 1, previous));
        int hi = (int) Math.max(0, Math.min(n - 1, previous + 1));
        if (virtual <= 0) {
            return a[0];
        }
        if (virtual >= n - 1) {
            return a[n - 1];
        }
        double x = a[lo];
        double y = a[hi];
        double diff = y - x;
        return gamma >= 0.5 ? y - diff * (1 - gamma) : x + diff * gamma;
    }

    /** Per-axis percentile of row vectors, as {@code np.percentile(np.vstack(rows), q, 0)}. */
    static double[] percentilePerAxis(double[][] rows, double q) {
        return perAxis(rows, column -> percentile(column, q));
    }

    /** {@code np.median}: for an even count, the mean of the two middle values. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] a = values.clone();
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2.0;
    }

    /** Per-axis median of row vectors, as {@code np.median(np.vstack(rows), 0)}. */
    static double[] medianPerAxis(double[][] rows) {
        return perAxis(rows, NumpyMath::median);
    }

    /** {@code statistic} of each column of {@code rows}. */
    private static double[] perAxis(double[][] rows, ToDoubleFunction<double[]> statistic) {
        int dim = rows[0].length;
        double[] out = new double[dim];
        for (int d = 0; d < dim; d++) {
            double[] column = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                column[i] = rows[i][d];
            }
            out[d] = statistic.applyAsDouble(column);
        }
        return out;
    }

    /** Index of the first maximum, as {@code np.argmax}. */
    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static long prod(int[] v) {
        long p = 1;
        for (int x : v) {
            p *= x;
        }
        return p;
    }

    static double prod(double[] v) {
        double p = 1;
        for (double x : v) {
            p *= x;
        }
        return p;
    }
}
