package dev.segfold.engine.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A per-axis size in (z, y, x) order: a convolution kernel or a pooling (stride) kernel of the
 * plans. Written to JSON as {@code [z, y, x]}, the way nnU-Net's plans list them.
 */
public record Kernel3(int z, int y, int x) {
    public Kernel3 {
        if (z < 1 || y < 1 || x < 1) {
            throw new IllegalArgumentException("kernel sizes must be >= 1, got [" + z + ", " + y + ", " + x + "]");
        }
    }

    /** {@code [n, n, n]}. */
    public static Kernel3 cube(int n) {
        return new Kernel3(n, n, n);
    }

    @JsonCreator
    public static Kernel3 of(int... zyx) {
        if (zyx == null || zyx.length != 3) {
            throw new IllegalArgumentException("a kernel has 3 entries (z, y, x)");
        }
        return new Kernel3(zyx[0], zyx[1], zyx[2]);
    }

    @JsonValue
    public int[] toArray() {
        return new int[] {z, y, x};
    }

    public long[] toLongArray() {
        return new long[] {z, y, x};
    }

    /** Number of taps, z*y*x. */
    public int volume() {
        return z * y * x;
    }

    /** "Same" padding of a stride-1 convolution with this kernel: 1 for 3, 0 for 1. */
    public long[] samePadding() {
        return new long[] {z / 2, y / 2, x / 2};
    }

    @Override
    public String toString() {
        return "[" + z + ", " + y + ", " + x + "]";
    }
}
