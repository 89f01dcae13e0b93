package dev.segfold.engine.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Raw little-endian float32 files, the format in which tests and their Python peers hand arrays to
 * each other ({@code numpy.fromfile(f, '<f4')} / {@code a.astype('<f4').tofile(f)}).
 */
public final class Float32Files {
    private Float32Files() {}

    /** Writes {@code values} as little-endian float32. */
    public static void write(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }

    /** Reads a whole file of little-endian float32. */
    public static float[] read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[b.remaining() / Float.BYTES];
        b.asFloatBuffer().get(values);
        return values;
    }
}
