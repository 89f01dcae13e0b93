package dev.segfold.engine.resample;

/**
 * Spline order used along one axis, as scipy's {@code order} argument: the orders nnU-Net uses are
 * 0 (nearest), 1 (linear) and 3 (cubic B-spline with prefilter).
 */
public enum Interpolation {
    NEAREST(0),
    LINEAR(1),
    CUBIC(3);

    private final int order;

    Interpolation(int order) {
        this.order = order;
    }

    /** The spline order as scipy and skimage number it. */
    public int order() {
        return order;
    }

    /** The interpolation of spline order {@code order}; only 0, 1 and 3 are supported. */
    public static Interpolation ofOrder(int order) {
        for (Interpolation i : values()) {
            if (i.order == order) {
                return i;
            }
        }
        throw new IllegalArgumentException("interpolation order " + order + " is not supported (0, 1 or 3)");
    }
}
