package dev.segfold.engine.nifti;

import dev.segfold.engine.image.Volume;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes single-file NIfTI-1 images, little-endian, data right after the 352-byte preamble.
 * Values are stored in the header's datatype after undoing its scaling; a value that the
 * datatype cannot hold is an error, never silently clamped.
 */
public final class NiftiWriter {
    private NiftiWriter() {}

    /**
     * Writes {@code image} to {@code file}, gzip-compressed when the name ends in {@code .gz}.
     * The file appears complete or not at all (written beside it, then moved into place).
     */
    public static void write(Path file, NiftiImage image) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(out, image, file.getFileName().toString().endsWith(".gz"), file.toString());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes {@code image} to a stream (not closed); {@code name} appears in error messages.
     *
     * @param gzip whether to gzip-compress
     */
    public static void write(OutputStream stream, NiftiImage image, boolean gzip, String name) throws IOException {
        write(stream, image, gzip, name, ByteOrder.LITTLE_ENDIAN);
    }

    /** As {@link #write(OutputStream, NiftiImage, boolean, String)} in a chosen byte order (tests). */
    static void write(OutputStream stream, NiftiImage image, boolean gzip, String name, ByteOrder order)
            throws IOException {
        NiftiHeader header = image.header();
        OutputStream out = new BufferedOutputStream(new NonClosing(stream), 1 << 16);
        if (gzip) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        out.write(encodeHeader(header, order));
        NiftiDatatype datatype = header.datatype();
        for (Volume channel : image.channels()) {
            ByteBuffer data = ByteBuffer.allocate(channel.size() * datatype.bytesPerVoxel())
                    .order(order);
            datatype.encode(channel.data(), data, header.effectiveSlope(), header.effectiveInter(), name);
            out.write(data.array());
        }
        // closes the gzip trailer and flushes, leaving the caller's stream open
        out.close();
    }

    static byte[] encodeHeader(NiftiHeader h, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(NiftiReader.MIN_VOX_OFFSET).order(order);
        b.putInt(0, NiftiReader.HEADER_SIZE);
        int[] dim = h.dim();
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, (short) dim[i]);
        }
        b.putShort(68, (short) h.intentCode());
        b.putShort(70, (short) h.datatype().code());
        b.putShort(72, (short) h.datatype().bitpix());
        float[] pixdim = h.pixdim();
        for (int i = 0; i < 8; i++) {
            b.putFloat(76 + 4 * i, pixdim[i]);
        }
        b.putFloat(108, NiftiReader.MIN_VOX_OFFSET);
        b.putFloat(112, (float) h.sclSlope());
        b.putFloat(116, (float) h.sclInter());
        b.put(123, (byte) h.xyztUnits());
        putString(b, 148, 80, h.descrip());
        b.putShort(252, (short) h.qformCode());
        b.putShort(254, (short) h.sformCode());
        double[] quatern = h.quatern();
        double[] qoffset = h.qoffset();
        for (int i = 0; i < 3; i++) {
            b.putFloat(256 + 4 * i, (float) quatern[i]);
            b.putFloat(268 + 4 * i, (float) qoffset[i]);
        }
        double[][] srow = h.srow();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                b.putFloat(280 + 16 * r + 4 * c, (float) srow[r][c]);
            }
        }
        putString(b, 328, 16, h.intentName());
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
        // bytes 348..351 stay 0: no extensions follow
        return b.array();
    }

    private static void putString(ByteBuffer b, int offset, int length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        // keep a terminating NUL so readers see a C string
        b.put(offset, bytes, 0, Math.min(bytes.length, length - 1));
    }

    /** Lets the writer finish gzip by closing its chain without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
