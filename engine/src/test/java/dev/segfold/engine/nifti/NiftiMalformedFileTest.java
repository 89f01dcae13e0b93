package dev.segfold.engine.nifti;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NiftiMalformedFileTest {
    @TempDir
    Path dir;

    private byte[] valid() throws Exception {
        int[] shape = {2, 3, 4};
        NiftiImage image = NiftiImage.of(NiftiHeader.axisAligned(shape, 1, new double[] {1, 1, 1}, new double[3],
                NiftiDatatype.INT16), Volume.zeros(shape));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NiftiWriter.write(out, image, false, "valid");
        return out.toByteArray();
    }

    private void assertFails(String fileName, byte[] bytes, String... expectedParts) throws Exception {
        Path file = dir.resolve(fileName);
        Files.write(file, bytes);
        NiftiFormatException e = assertThrows(NiftiFormatException.class, () -> NiftiReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        for (String part : expectedParts) {
            assertTrue(e.getMessage().contains(part), "says '" + part + "': " + e.getMessage());
        }
    }

    private byte[] patched(Consumer<ByteBuffer> patch) throws Exception {
        byte[] bytes = valid();
        patch.accept(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        return bytes;
    }

    @Test
    void badSizeofHdr() throws Exception {
        assertFails("size.nii", patched(b -> b.putInt(0, 349)), "sizeof_hdr is 349");
        assertFails("nifti2.nii", patched(b -> b.putInt(0, 540)), "NIfTI-2");
    }

    @Test
    void badMagic() throws Exception {
        assertFails("magic.nii", patched(b -> b.put(344, (byte) 'x')), "bad magic");
        assertFails("pair.nii", patched(b -> b.put(345, (byte) 'i')), ".hdr/.img");
    }

    @Test
    void badDims() throws Exception {
        assertFails("rank.nii", patched(b -> b.putShort(40, (short) 0)), "dim[0]");
        assertFails("negative.nii", patched(b -> b.putShort(44, (short) -3)), "dim[2] -3");
        assertFails("five.nii", patched(b -> b.putShort(40, (short) 5).putShort(48, (short) 1).putShort(50, (short) 2)),
                "dim[5]");
    }

    @Test
    void unsupportedDatatype() throws Exception {
        assertFails("complex.nii", patched(b -> b.putShort(70, (short) 32)), "unsupported datatype 32", "complex64");
    }

    @Test
    void truncatedHeaderAndData() throws Exception {
        byte[] valid = valid();
        assertFails("header.nii", Arrays.copyOf(valid, 200), "truncated header", "200 of 348");
        assertFails("data.nii", Arrays.copyOf(valid, valid.length - 5), "truncated data", "expected 48 bytes");
        assertFails("empty.nii", new byte[0], "empty");
    }

    @Test
    void truncatedGzip() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(valid());
        }
        byte[] bytes = gz.toByteArray();
        assertFails("cut.nii.gz", Arrays.copyOf(bytes, bytes.length / 2), "truncated");
    }
}
