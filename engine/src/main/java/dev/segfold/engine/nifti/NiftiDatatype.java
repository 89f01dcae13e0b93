package dev.segfold.engine.nifti;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The NIfTI-1 voxel datatypes Segfold reads and writes, with how each one is decoded into and
 * encoded from the float values a {@link dev.segfold.engine.image.Volume} holds.
 */
public enum NiftiDatatype {
    UINT8(2, 1, 0, 255),
    INT16(4, 2, Short.MIN_VALUE, Short.MAX_VALUE),
    INT32(8, 4, Integer.MIN_VALUE, Integer.MAX_VALUE),
    FLOAT32(16, 4, -Float.MAX_VALUE, Float.MAX_VALUE),
    FLOAT64(64, 8, -Double.MAX_VALUE, Double.MAX_VALUE),
    INT8(256, 1, Byte.MIN_VALUE, Byte.MAX_VALUE),
    UINT16(512, 2, 0, 65535);

    private final int code;
    private final int bytes;
    private final double min;
    private final double max;

    NiftiDatatype(int code, int bytes, double min, double max) {
        this.code = code;
        this.bytes = bytes;
        this.min = min;
        this.max = max;
    }

    /** The {@code datatype} field value. */
    public int code() {
        return code;
    }

    public int bytesPerVoxel() {
        return bytes;
    }

    /** The {@code bitpix} field value. */
    public int bitpix() {
        return bytes * 8;
    }

    public boolean isInteger() {
        return this != FLOAT32 && this != FLOAT64;
    }

    /** The datatype for a {@code datatype} field value, if Segfold supports it. */
    public static Optional<NiftiDatatype> fromCode(int code) {
        return Arrays.stream(values()).filter(d -> d.code == code).findFirst();
    }

    /** A readable name for any NIfTI-1 datatype code, supported or not, for error messages. */
    static String describe(int code) {
        return switch (code) {
            case 1 -> "binary";
            case 32 -> "complex64";
            case 128 -> "rgb24";
            case 768 -> "uint32";
            case 1024 -> "int64";
            case 1280 -> "uint64";
            case 1536 -> "float128";
            case 1792 -> "complex128";
            case 2048 -> "complex256";
            case 2304 -> "rgba32";
            default -> fromCode(code).map(d -> d.name().toLowerCase()).orElse("unknown");
        };
    }

    /**
     * Decodes {@code out.length} voxels from {@code in} (positioned and ordered), applying
     * {@code value = raw * slope + inter}.
     */
    void decode(ByteBuffer in, float[] out, double slope, double inter) {
        int n = out.length;
        switch (this) {
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = in.get() & 0xff;
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = in.get();
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = in.getShort();
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = in.getShort() & 0xffff;
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    int raw = in.getInt();
                    // int32 beyond 2^24 loses precision in float either way; scale in double
                    out[i] = (float) (raw * slope + inter);
                }
                return;
            }
            case FLOAT32 -> {
                in.asFloatBuffer().get(out);
                in.position(in.position() + 4 * n);
            }
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) (in.getDouble() * slope + inter);
                }
                return;
            }
        }
        if (slope != 1.0 || inter != 0.0) {
            for (int i = 0; i < n; i++) {
                out[i] = (float) (out[i] * slope + inter);
            }
        }
    }

    /**
     * Encodes {@code values} into {@code out} as {@code raw = (value - inter) / slope}, rounded
     * to the nearest integer for integer types.
     *
     * @throws IllegalArgumentException naming {@code file} when a value is not finite (integer
     *     types) or does not fit the type's range
     */
    void encode(float[] values, ByteBuffer out, double slope, double inter, String file) {
        boolean identity = slope == 1.0 && inter == 0.0;
        for (int i = 0; i < values.length; i++) {
            double raw = identity ? values[i] : (values[i] - inter) / slope;
            if (isInteger()) {
                if (!Double.isFinite(raw) || Math.rint(raw) < min || Math.rint(raw) > max) {
                    throw new IllegalArgumentException(file + ": voxel " + i + " value " + values[i]
                            + " does not fit datatype " + name().toLowerCase()
                            + " (scl_slope " + slope + ", scl_inter " + inter + ")");
                }
                raw = Math.rint(raw);
            }
            switch (this) {
                case UINT8, INT8 -> out.put((byte) (int) raw);
                case INT16, UINT16 -> out.putShort((short) (int) raw);
                case INT32 -> out.putInt((int) raw);
                case FLOAT32 -> out.putFloat((float) raw);
                case FLOAT64 -> out.putDouble(raw);
            }
        }
    }
}
