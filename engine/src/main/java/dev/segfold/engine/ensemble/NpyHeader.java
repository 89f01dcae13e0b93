package dev.segfold.engine.ensemble;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a numpy {@code .npy} array (format 1.0 written, 1.0-3.0 read): dtype, C order and
 * shape, padded so the data starts 64-byte aligned as numpy does.
 *
 * @param descr numpy's dtype string, e.g. {@code <f2} or {@code |u1}
 * @param shape the array's shape
 */
record NpyHeader(String descr, int[] shape) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    NpyHeader {
        shape = shape.clone();
    }

    /** Number of elements. */
    long elements() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    byte[] toBytes() {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String tuple = shape.length == 1 ? dims.toString().trim() : dims.substring(0, Math.max(0, dims.length() - 2));
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + tuple + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        byte[] h = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        return b.array();
    }

    /**
     * Reads a header, leaving {@code in} at the first data byte.
     *
     * @param what the file and array, for messages
     */
    static NpyHeader read(DataInputStream in, String what) throws IOException {
        byte[] magic = new byte[6];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException(what + " is not a .npy array");
        }
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        byte[] lenBytes = new byte[major == 1 ? 2 : 4];
        in.readFully(lenBytes);
        ByteBuffer lb = ByteBuffer.wrap(major == 1 ? Arrays.copyOf(lenBytes, 4) : lenBytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] headerBytes = new byte[lb.getInt()];
        in.readFully(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr", what);
        if (group(FORTRAN, header, "fortran_order", what).equals("True")) {
            throw new IllegalArgumentException(what + ": Fortran-ordered arrays are not supported");
        }
        List<Integer> shape = new ArrayList<>();
        for (String d : group(SHAPE, header, "shape", what).split(",")) {
            if (!d.isBlank()) {
                shape.add(Integer.parseInt(d.trim()));
            }
        }
        return new NpyHeader(descr, shape.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Reads one array's data stream, positioned at its {@code .npy} magic. */
    @FunctionalInterface
    interface ArrayReader<T> {
        T read(DataInputStream npy) throws IOException;
    }

    /**
     * Finds array {@code key} ({@code <key>.npy}) in the npz {@code file} and reads it.
     *
     * @param what what the file holds, for messages (e.g. "label map")
     */
    static <T> T readArray(Path file, String key, String what, ArrayReader<T> reader) {
        try (java.io.InputStream raw = java.nio.file.Files.newInputStream(file);
                java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.BufferedInputStream(raw))) {
            List<String> names = new ArrayList<>();
            for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(key + ".npy")) {
                    return reader.read(new DataInputStream(new java.io.BufferedInputStream(zip)));
                }
                names.add(e.getName());
            }
            throw new IllegalArgumentException(what + " " + file + " has no array \"" + key + "\" (entries: " + names
                    + ")");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    static String describe(Path file, String key) {
        return "npz file " + file + " array '" + key + "'";
    }

    private static String group(Pattern p, String header, String field, String what) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(what + ": npy header has no " + field + ": " + header);
        }
        return m.group(1);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}
