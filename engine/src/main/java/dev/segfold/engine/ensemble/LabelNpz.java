package dev.segfold.engine.ensemble;

import dev.segfold.engine.image.Volume;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A label map as nnU-Net's cascade hands it to the next stage ({@code <case>_segFromPrevStage.npz}):
 * a compressed npz holding {@code data.npy}, uint8, shape (z, y, x) in the preprocessed (transposed)
 * axis order. numpy reads it with {@code np.load(f)['data']}; nnU-Net's own files read here.
 */
public final class LabelNpz {
    /** The array's name inside the npz, as in nnU-Net. */
    public static final String KEY = "data";

    private LabelNpz() {}

    /** Writes labels 0..255 to {@code file} (parent folders created). */
    public static void write(Path file, Volume labels) {
        float[] v = labels.data();
        byte[] bytes = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            float f = v[i];
            if (f < 0 || f > 255 || f != Math.rint(f)) {
                throw new IllegalArgumentException("label map for " + file + " has value " + f + " at voxel " + i
                        + "; labels must be whole numbers 0..255");
            }
            bytes[i] = (byte) (int) f;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream raw = Files.newOutputStream(file);
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(raw))) {
                zip.putNextEntry(new ZipEntry(KEY + ".npy"));
                zip.write(new NpyHeader("|u1", labels.shape()).toBytes());
                zip.write(bytes);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write label map " + file, e);
        }
    }

    /** Reads the {@code data} array of an npz as a label volume (uint8 or any integer type up to 64 bits). */
    public static Volume read(Path file) {
        return NpyHeader.readArray(file, KEY, "label map", npy -> readNpy(npy, file));
    }

    private static Volume readNpy(DataInputStream in, Path file) throws IOException {
        String what = NpyHeader.describe(file, KEY);
        NpyHeader header = NpyHeader.read(in, what);
        int[] shape = header.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException(what + ": shape " + java.util.Arrays.toString(shape) + " is not (z, y, x)");
        }
        int bytes = switch (header.descr()) {
            case "|u1", "<u1", "|i1", "<i1", "|b1" -> 1;
            case "<i2", "<u2" -> 2;
            case "<i4", "<u4" -> 4;
            case "<i8", "<u8" -> 8;
            default -> throw new IllegalArgumentException(what + ": dtype " + header.descr()
                    + " is not a little-endian integer type");
        };
        boolean signed = header.descr().contains("i");
        int n = Math.toIntExact(header.elements());
        byte[] buf = new byte[n * bytes];
        try {
            in.readFully(buf);
        } catch (EOFException e) {
            throw new IllegalArgumentException(what + " ends before its " + n + " values", e);
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (bytes) {
                case 1 -> signed ? b.get() : Byte.toUnsignedInt(b.get());
                case 2 -> signed ? b.getShort() : Short.toUnsignedInt(b.getShort());
                case 4 -> signed ? b.getInt() : Integer.toUnsignedLong(b.getInt());
                default -> b.getLong();
            };
        }
        return new Volume(shape, out);
    }
}
