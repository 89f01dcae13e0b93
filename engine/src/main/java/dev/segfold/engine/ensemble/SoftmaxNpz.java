package dev.segfold.engine.ensemble;

import dev.segfold.engine.image.Volume;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The per-case softmax file passed between steps (validation, ensembling, next stage): a numpy
 * {@code .npz} as nnU-Net writes with {@code np.savez_compressed(f, softmax=...)}: a deflated zip
 * holding {@code softmax.npy}, an array of shape (classes, z, y, x), C order, little-endian float16
 * or float32. numpy reads these files directly, and nnU-Net's own npz files (float16) read here.
 */
public final class SoftmaxNpz {
    /** The array's name inside the npz, as in nnU-Net. */
    public static final String KEY = "softmax";


    /** Stored precision: float16 halves the size (nnU-Net's choice), float32 is exact. */
    public enum Precision {
        FLOAT16("<f2", 2),
        FLOAT32("<f4", 4);

        final String descr;
        final int bytes;

        Precision(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }
    }

    private SoftmaxNpz() {}

    /** Writes one volume per class to {@code file} (parent folders created). */
    public static void write(Path file, Volume[] softmax, Precision precision) {
        int[] shape = checkClasses(softmax, file.toString());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream raw = Files.newOutputStream(file);
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(raw))) {
                zip.setLevel(java.util.zip.Deflater.DEFAULT_COMPRESSION);
                zip.putNextEntry(new ZipEntry(KEY + ".npy"));
                zip.write(new NpyHeader(precision.descr, new int[] {softmax.length, shape[0], shape[1], shape[2]}).toBytes());
                ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                for (Volume v : softmax) {
                    for (float f : v.data()) {
                        if (buf.remaining() < precision.bytes) {
                            zip.write(buf.array(), 0, buf.position());
                            buf.clear();
                        }
                        if (precision == Precision.FLOAT16) {
                            buf.putShort(Half.fromFloat(f));
                        } else {
                            buf.putFloat(f);
                        }
                    }
                }
                zip.write(buf.array(), 0, buf.position());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write softmax " + file, e);
        }
    }

    /** Reads the {@code softmax} array of an npz: one volume per class. */
    public static Volume[] read(Path file) {
        return NpyHeader.readArray(file, KEY, "softmax file", npy -> readNpy(npy, file));
    }

    private static Volume[] readNpy(DataInputStream in, Path file) throws IOException {
        NpyHeader header = NpyHeader.read(in, "softmax file " + file + ": " + KEY + ".npy");
        String descr = header.descr();
        List<Integer> shape = Arrays.stream(header.shape()).boxed().toList();
        if (shape.size() != 4) {
            throw new IllegalArgumentException("softmax file " + file + ": shape " + shape
                    + " is not (classes, z, y, x)");
        }
        int bytes;
        switch (descr) {
            case "<f2":
                bytes = 2;
                break;
            case "<f4":
                bytes = 4;
                break;
            case "<f8":
                bytes = 8;
                break;
            default:
                throw new IllegalArgumentException("softmax file " + file + ": dtype " + descr
                        + " is not little-endian float16/32/64");
        }
        int[] volumeShape = {shape.get(1), shape.get(2), shape.get(3)};
        int n = volumeShape[0] * volumeShape[1] * volumeShape[2];
        Volume[] out = new Volume[shape.get(0)];
        byte[] chunk = new byte[bytes * 8192];
        for (int c = 0; c < out.length; c++) {
            float[] data = new float[n];
            int i = 0;
            while (i < n) {
                int count = Math.min(8192, n - i);
                try {
                    in.readFully(chunk, 0, count * bytes);
                } catch (EOFException e) {
                    throw new IllegalArgumentException("softmax file " + file + " ends before its " + shape
                            + " values", e);
                }
                ByteBuffer b = ByteBuffer.wrap(chunk, 0, count * bytes).order(ByteOrder.LITTLE_ENDIAN);
                for (int k = 0; k < count; k++) {
                    data[i++] = bytes == 2 ? Half.toFloat(b.getShort()) : bytes == 4 ? b.getFloat() : (float) b.getDouble();
                }
            }
            out[c] = new Volume(volumeShape, data);
        }
        return out;
    }

    static int[] checkClasses(Volume[] softmax, String what) {
        if (softmax == null || softmax.length == 0) {
            throw new IllegalArgumentException("softmax " + what + " has no class volumes");
        }
        int[] shape = softmax[0].shape();
        for (int c = 1; c < softmax.length; c++) {
            if (!Arrays.equals(shape, softmax[c].shape())) {
                throw new IllegalArgumentException("softmax " + what + ": class " + c + " has shape "
                        + Arrays.toString(softmax[c].shape()) + " but class 0 has " + Arrays.toString(shape));
            }
        }
        return shape;
    }
}
