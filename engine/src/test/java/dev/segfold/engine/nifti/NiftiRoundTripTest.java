package dev.segfold.engine.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NiftiRoundTripTest {
    @TempDir
    Path dir;

    static Volume filled(int[] shape, NiftiDatatype type, long seed) {
        Random r = new Random(seed);
        Volume v = Volume.zeros(shape);
        float[] d = v.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = switch (type) {
                case UINT8 -> r.nextInt(256);
                case INT8 -> r.nextInt(256) - 128;
                case INT16 -> r.nextInt(65536) - 32768;
                case UINT16 -> r.nextInt(65536);
                case INT32 -> r.nextInt(1 << 24) - (1 << 23);
                case FLOAT32, FLOAT64 -> (float) r.nextGaussian() * 1000f;
            };
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(NiftiDatatype.class)
    void everyDatatypeRoundTripsThroughGzipAndPlainFiles(NiftiDatatype type) throws Exception {
        int[] shape = {3, 5, 7};
        Volume v = filled(shape, type, type.code());
        NiftiHeader h = NiftiHeader.axisAligned(shape, 1, new double[] {2.5, 0.7, 0.8}, new double[] {-10, 20, 3}, type);
        for (String name : new String[] {"a.nii", "a.nii.gz"}) {
            Path file = dir.resolve(type + name);
            NiftiWriter.write(file, NiftiImage.of(h, v));
            NiftiImage back = NiftiReader.read(file);
            assertEquals(h, back.header(), name);
            assertArrayEquals(v.data(), back.volume().data(), name);
            assertArrayEquals(new double[] {2.5, 0.7f, 0.8f}, back.header().spacing(), 1e-12);
            assertArrayEquals(shape, back.header().shape());
        }
        byte[] gz = Files.readAllBytes(dir.resolve(type + "a.nii.gz"));
        assertEquals(0x1f, gz[0] & 0xff, "name ending .gz means gzip");
        assertEquals(352 + shape[0] * shape[1] * shape[2] * type.bytesPerVoxel(),
                Files.size(dir.resolve(type + "a.nii")));
    }

    @ParameterizedTest
    @EnumSource(value = NiftiDatatype.class, names = {"INT16", "UINT16", "FLOAT32", "FLOAT64", "INT32"})
    void bigEndianFilesReadLikeLittleEndianOnes(NiftiDatatype type) throws Exception {
        int[] shape = {2, 3, 4};
        Volume v = filled(shape, type, 7);
        NiftiImage image = NiftiImage.of(NiftiHeader.axisAligned(shape, 1, new double[] {1, 1, 1}, new double[3], type), v);
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        NiftiWriter.write(big, image, false, "big", ByteOrder.BIG_ENDIAN);
        byte[] bytes = big.toByteArray();
        assertEquals(348, ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff));
        NiftiImage back = NiftiReader.read(new ByteArrayInputStream(bytes), "big");
        assertEquals(image.header(), back.header());
        assertArrayEquals(v.data(), back.volume().data());
    }

    @Test
    void scalingIsAppliedOnReadAndUndoneOnWrite() throws Exception {
        int[] shape = {2, 2, 3};
        Volume raw = filled(shape, NiftiDatatype.INT16, 3);
        Volume scaled = raw.copy();
        for (int i = 0; i < scaled.size(); i++) {
            scaled.data()[i] = (float) (raw.data()[i] * 0.5 + 100.0);
        }
        NiftiHeader h = NiftiHeader.axisAligned(shape, 1, new double[] {1, 1, 1}, new double[3], NiftiDatatype.INT16)
                .withDatatype(NiftiDatatype.INT16, 0.5, 100.0);
        Path file = dir.resolve("scaled.nii");
        NiftiWriter.write(file, NiftiImage.of(h, scaled));
        NiftiImage back = NiftiReader.read(file);
        assertArrayEquals(scaled.data(), back.volume().data());
        // the stored integers are the unscaled ones
        NiftiImage unscaled = NiftiReader.read(new ByteArrayInputStream(withSlope(Files.readAllBytes(file), 0f)), "slope0");
        assertArrayEquals(raw.data(), unscaled.volume().data(), "slope 0 means no scaling");
        NiftiImage nanSlope = NiftiReader.read(new ByteArrayInputStream(withSlope(Files.readAllBytes(file), Float.NaN)), "nan");
        assertArrayEquals(raw.data(), nanSlope.volume().data(), "NaN slope means no scaling");
    }

    static byte[] withSlope(byte[] file, float slope) {
        java.nio.ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putFloat(112, slope);
        return file;
    }

    @Test
    void fourDimensionalImagesHoldOneVolumePerChannelInFileOrder() throws Exception {
        int[] shape = {2, 3, 4};
        Volume c0 = filled(shape, NiftiDatatype.FLOAT32, 1);
        Volume c1 = filled(shape, NiftiDatatype.FLOAT32, 2);
        NiftiImage image = NiftiImage.of(NiftiHeader.axisAligned(shape, 1, new double[] {3, 2, 1}, new double[3], NiftiDatatype.FLOAT32), c0, c1);
        assertEquals(4, image.header().rank());
        assertEquals(2, image.header().dim()[4]);
        Path file = dir.resolve("four.nii");
        NiftiWriter.write(file, image);
        NiftiImage back = NiftiReader.read(file);
        assertEquals(2, back.channelCount());
        assertArrayEquals(c0.data(), back.channel(0).data());
        assertArrayEquals(c1.data(), back.channel(1).data());
        // x fastest: the voxel (z=1, y=2, x=3) of channel 1 sits at ((1*3+2)*4+3) + 24 floats after 352
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(c1.get(1, 2, 3), raw.getFloat(352 + 4 * (24 + (1 * 3 + 2) * 4 + 3)));
        assertThrows(IllegalStateException.class, back::volume);
    }

    @Test
    void labelsLikeCopiesTheReferenceGeometryAndStoresUint8() throws Exception {
        int[] shape = {4, 3, 2};
        double[][] srow = {{0, 0, -1.5, 30}, {0.9, 0, 0, -12}, {0, 0.8, 0, 7}};
        NiftiHeader ref = new NiftiHeader(new int[] {3, 2, 3, 4, 1, 1, 1, 1}, new float[] {-1, 0.9f, 0.8f, 1.5f, 1, 1, 1, 1},
                NiftiDatatype.INT16, 2.0, 5.0, NiftiHeader.UNITS_MM_SEC, 2, new double[] {0.5, -0.5, 0.5},
                new double[] {30, -12, 7}, 4, srow, 0, "", "scanner");
        Volume labels = Volume.zeros(shape);
        labels.set(1, 2, 1, 2);
        labels.set(3, 0, 0, 1);
        Path file = dir.resolve("pred.nii.gz");
        NiftiWriter.write(file, NiftiImage.labelsLike(ref, labels));
        NiftiHeader back = NiftiReader.readHeader(file);
        assertEquals(NiftiDatatype.UINT8, back.datatype());
        assertEquals(1.0, back.sclSlope());
        assertEquals(0.0, back.sclInter());
        assertEquals(2, back.qformCode());
        assertEquals(4, back.sformCode());
        assertArrayEquals(ref.pixdim(), back.pixdim());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(ref.affine()[i], back.affine()[i], 1e-6);
            assertArrayEquals(ref.qformAffine()[i], back.qformAffine()[i], 1e-6);
        }
        assertArrayEquals(labels.data(), NiftiReader.read(file).volume().data());
        assertThrows(IllegalArgumentException.class, () -> NiftiImage.labelsLike(ref, Volume.zeros(4, 3, 3)));
        NiftiImage probs = NiftiImage.float32Like(ref, Volume.zeros(shape), Volume.zeros(shape));
        assertEquals(NiftiDatatype.FLOAT32, probs.header().datatype());
        assertEquals(2, probs.header().channels());
    }

    @Test
    void valuesTheDatatypeCannotHoldAreRejectedNamingTheFile() {
        int[] shape = {1, 1, 2};
        Volume v = new Volume(shape, new float[] {1, 300});
        NiftiImage image = NiftiImage.of(NiftiHeader.axisAligned(shape, 1, new double[] {1, 1, 1}, new double[3], NiftiDatatype.UINT8), v);
        Path file = dir.resolve("bad.nii");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NiftiWriter.write(file, image));
        assertTrue(e.getMessage().contains("bad.nii") && e.getMessage().contains("300"), e.getMessage());
        assertTrue(!Files.exists(file), "no partial file is left behind");
    }

    @Test
    void qformWithRotationAndNegativeQfacGivesTheNiftiMatrix() {
        // 90 degrees about z: quaternion (a, b, c, d) = (cos45, 0, 0, sin45)
        double s = Math.sqrt(0.5);
        NiftiHeader h = new NiftiHeader(new int[] {3, 2, 2, 2, 1, 1, 1, 1}, new float[] {-1, 2, 3, 4, 1, 1, 1, 1},
                NiftiDatatype.FLOAT32, 1, 0, 10, 1, new double[] {0, 0, s}, new double[] {5, 6, 7}, 0,
                new double[3][4], 0, "", "");
        double[][] m = h.affine();
        assertArrayEquals(new double[] {0, -3, 0, 5}, m[0], 1e-9);
        assertArrayEquals(new double[] {2, 0, 0, 6}, m[1], 1e-9);
        assertArrayEquals(new double[] {0, 0, -4, 7}, m[2], 1e-9);
    }

    @Test
    void extensionsBeforeVoxOffsetAreSkipped() throws Exception {
        int[] shape = {2, 2, 2};
        Volume v = filled(shape, NiftiDatatype.FLOAT32, 9);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NiftiWriter.write(out, NiftiImage.of(NiftiHeader.axisAligned(shape, 1, new double[] {1, 1, 1}, new double[3],
                NiftiDatatype.FLOAT32), v), false, "x");
        byte[] plain = out.toByteArray();
        byte[] withExtension = new byte[plain.length + 16];
        System.arraycopy(plain, 0, withExtension, 0, 352);
        System.arraycopy(plain, 352, withExtension, 368, plain.length - 352);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(withExtension).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(108, 368f);
        b.put(348, (byte) 1);
        b.putInt(352, 16).putInt(356, 4);
        assertArrayEquals(v.data(), NiftiReader.read(new ByteArrayInputStream(withExtension), "ext").volume().data());
    }

    @Test
    void twoDimensionalImagesReadAsOneSlice() throws Exception {
        int[] shape = {1, 3, 4};
        Volume v = filled(shape, NiftiDatatype.UINT8, 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NiftiWriter.write(out, NiftiImage.of(NiftiHeader.axisAligned(shape, 1, new double[] {1, 1, 1}, new double[3],
                NiftiDatatype.UINT8), v), false, "x");
        byte[] bytes = out.toByteArray();
        java.nio.ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(40, (short) 2).putShort(46, (short) 0);
        NiftiImage back = NiftiReader.read(new ByteArrayInputStream(bytes), "2d");
        assertArrayEquals(shape, back.header().shape());
        assertArrayEquals(v.data(), back.volume().data());
    }
}
