package dev.segfold.engine.nifti;

import dev.segfold.engine.image.Volume;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads single-file NIfTI-1 images ({@code .nii}, or gzip-compressed whatever the name says) in
 * either byte order. Scaling is applied to the voxel values; everything that fails says which
 * file and why.
 */
public final class NiftiReader {
    static final int HEADER_SIZE = 348;
    static final int NIFTI2_HEADER_SIZE = 540;
    /** Header plus the 4-byte extension flag: where data starts in a file without extensions. */
    static final int MIN_VOX_OFFSET = 352;

    private NiftiReader() {}

    /** Reads a whole image. */
    public static NiftiImage read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads a whole image from a stream (not closed); {@code name} appears in error messages. */
    public static NiftiImage read(InputStream stream, String name) throws IOException {
        InputStream in = decompressing(stream, name);
        try {
            ParsedHeader parsed = parseHeader(in, name);
            NiftiHeader header = parsed.header();
            skipFully(in, parsed.voxOffset() - HEADER_SIZE, name, "extensions before vox_offset " + parsed.voxOffset());
            long perChannel = header.voxelsPerChannel();
            if (perChannel * header.datatype().bytesPerVoxel() > Integer.MAX_VALUE - 16) {
                throw new NiftiFormatException(name, "a channel of " + perChannel + " voxels of "
                        + header.datatype().name().toLowerCase() + " is too large to hold in memory");
            }
            int channelBytes = (int) perChannel * header.datatype().bytesPerVoxel();
            List<Volume> channels = new ArrayList<>(header.channels());
            byte[] buffer = new byte[channelBytes];
            for (int c = 0; c < header.channels(); c++) {
                int got = in.readNBytes(buffer, 0, channelBytes);
                if (got < channelBytes) {
                    long expected = (long) channelBytes * header.channels();
                    long have = (long) channelBytes * c + got;
                    throw new NiftiFormatException(name, "truncated data: expected " + expected
                            + " bytes of voxel data after offset " + parsed.voxOffset() + ", found " + have);
                }
                float[] values = new float[(int) perChannel];
                header.datatype().decode(ByteBuffer.wrap(buffer).order(parsed.order()), values,
                        header.effectiveSlope(), header.effectiveInter());
                channels.add(new Volume(header.shape(), values));
            }
            return new NiftiImage(header, channels);
        } catch (ZipException | EOFException e) {
            throw new NiftiFormatException(name, "corrupt or truncated gzip stream: " + e.getMessage(), e);
        }
    }

    /** Reads only the header (for a .gz file, only as much as needed is decompressed). */
    public static NiftiHeader readHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readHeader(in, file.toString());
        }
    }

    /** Reads only the header from a stream (not closed). */
    public static NiftiHeader readHeader(InputStream stream, String name) throws IOException {
        try {
            return parseHeader(decompressing(stream, name), name).header();
        } catch (ZipException | EOFException e) {
            throw new NiftiFormatException(name, "corrupt or truncated gzip stream: " + e.getMessage(), e);
        }
    }

    private record ParsedHeader(NiftiHeader header, ByteOrder order, long voxOffset) {}

    private static InputStream decompressing(InputStream stream, String name) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        if (b0 < 0) {
            throw new NiftiFormatException(name, "empty file");
        }
        return in;
    }

    private static ParsedHeader parseHeader(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes(HEADER_SIZE);
        if (bytes.length < HEADER_SIZE) {
            throw new NiftiFormatException(name, "truncated header: " + bytes.length + " of "
                    + HEADER_SIZE + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        int sizeofHdr = b.getInt(0);
        if (sizeofHdr != HEADER_SIZE) {
            int swapped = Integer.reverseBytes(sizeofHdr);
            if (swapped == HEADER_SIZE) {
                order = ByteOrder.BIG_ENDIAN;
                b.order(order);
            } else if (sizeofHdr == NIFTI2_HEADER_SIZE || swapped == NIFTI2_HEADER_SIZE) {
                throw new NiftiFormatException(name, "NIfTI-2 files are not supported (sizeof_hdr 540)");
            } else {
                throw new NiftiFormatException(name, "not a NIfTI-1 file: sizeof_hdr is " + sizeofHdr
                        + " (expected 348 in either byte order)");
            }
        }
        String magic = new String(bytes, 344, 3, StandardCharsets.US_ASCII);
        if (magic.equals("ni1")) {
            throw new NiftiFormatException(name, "two-file NIfTI (.hdr/.img) is not supported; use a .nii or .nii.gz file");
        }
        if (!magic.equals("n+1")) {
            throw new NiftiFormatException(name, "bad magic '" + printable(bytes, 344, 4)
                    + "' (expected 'n+1'): not a NIfTI-1 image, perhaps ANALYZE 7.5");
        }

        int[] dim = new int[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getShort(40 + 2 * i);
        }
        checkDims(dim, name);
        int code = b.getShort(70);
        NiftiDatatype datatype = NiftiDatatype.fromCode(code).orElseThrow(() -> new NiftiFormatException(name,
                "unsupported datatype " + code + " (" + NiftiDatatype.describe(code)
                        + "); supported: uint8, int8, int16, uint16, int32, float32, float64"));
        float[] pixdim = new float[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = b.getFloat(76 + 4 * i);
        }
        float voxOffsetField = b.getFloat(108);
        if (!Float.isFinite(voxOffsetField) || voxOffsetField < 0) {
            throw new NiftiFormatException(name, "bad vox_offset " + voxOffsetField);
        }
        // Some writers leave vox_offset 0 in single files; data then follow the 352-byte preamble.
        long voxOffset = Math.max(MIN_VOX_OFFSET, (long) voxOffsetField);
        double slope = b.getFloat(112);
        double inter = b.getFloat(116);
        int xyztUnits = bytes[123] & 0xff;
        String descrip = cString(bytes, 148, 80);
        int qformCode = b.getShort(252);
        int sformCode = b.getShort(254);
        double[] quatern = {b.getFloat(256), b.getFloat(260), b.getFloat(264)};
        double[] qoffset = {b.getFloat(268), b.getFloat(272), b.getFloat(276)};
        double[][] srow = new double[3][4];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                srow[r][c] = b.getFloat(280 + 16 * r + 4 * c);
            }
        }
        int intentCode = b.getShort(68);
        String intentName = cString(bytes, 328, 16);
        NiftiHeader header = new NiftiHeader(dim, pixdim, datatype, slope, inter, xyztUnits, qformCode,
                quatern, qoffset, sformCode, srow, intentCode, intentName, descrip);
        return new ParsedHeader(header, order, voxOffset);
    }

    private static void checkDims(int[] dim, String name) throws NiftiFormatException {
        int rank = dim[0];
        if (rank < 1 || rank > 7) {
            throw new NiftiFormatException(name, "bad dim[0] " + rank + " (must be 1..7)");
        }
        for (int i = 1; i <= rank; i++) {
            if (dim[i] < 1) {
                throw new NiftiFormatException(name, "bad dim[" + i + "] " + dim[i] + " (must be positive)");
            }
        }
        for (int i = 5; i <= rank; i++) {
            if (dim[i] > 1) {
                throw new NiftiFormatException(name, "unsupported " + rank + "D image: dim[" + i + "] is "
                        + dim[i] + "; only 3D images and 4D multi-channel images are supported");
            }
        }
    }

    private static void skipFully(InputStream in, long n, String name, String what) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new NiftiFormatException(name, "truncated file: ended inside " + what);
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte[] bytes, int offset, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = offset; i < offset + length; i++) {
            int c = bytes[i] & 0xff;
            s.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.toString();
    }
}
