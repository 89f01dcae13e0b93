package dev.segfold.engine.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segfold.engine.image.Volume;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine and nibabel agree on files each of them writes. Skips where nibabel is absent. */
class NiftiNibabelCrossCheckTest {
    @TempDir
    Path dir;

    /** A rotated, anisotropic header whose sform equals its qform: (b, c, d) from a unit quaternion. */
    static NiftiHeader rotated(int[] shape, int channels, NiftiDatatype type, int qformCode, int sformCode) {
        double a = 0.9;
        double b = 0.3;
        double c = -0.2;
        double d = Math.sqrt(1 - a * a - b * b - c * c);
        float[] pixdim = {-1, 0.8f, 1.2f, 2.5f, 1, 1, 1, 1};
        NiftiHeader q = new NiftiHeader(new int[] {channels > 1 ? 4 : 3, shape[2], shape[1], shape[0], channels, 1, 1, 1},
                pixdim, type, 1, 0, NiftiHeader.UNITS_MM_SEC, qformCode, new double[] {b, c, d},
                new double[] {-20.5, 14, 3.25}, sformCode, new double[3][4], 0, "", "segfold test");
        double[][] m = q.qformAffine();
        return new NiftiHeader(q.dim(), pixdim, type, 1, 0, NiftiHeader.UNITS_MM_SEC, qformCode, q.quatern(), q.qoffset(),
                sformCode, new double[][] {m[0], m[1], m[2]}, 0, "", "segfold test");
    }

    static void assertMatrix(double[][] expected, double[][] actual, String what) {
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-5, what + " row " + i);
        }
    }

    @Test
    void nibabelReadsWhatTheEngineWritesForEveryDatatype() throws Exception {
        NibabelPeer peer = NibabelPeer.require(dir);
        int[] shape = {6, 5, 4};
        List<Path> files = new java.util.ArrayList<>();
        for (NiftiDatatype type : NiftiDatatype.values()) {
            Path file = dir.resolve("engine_" + type + ".nii.gz");
            NiftiWriter.write(file, NiftiImage.of(rotated(shape, 1, type, 1, 2), NiftiRoundTripTest.filled(shape, type, type.code() + 11)));
            files.add(file);
        }
        List<NibabelPeer.Description> described = peer.describeAll(files);
        for (NiftiDatatype type : NiftiDatatype.values()) {
            NiftiHeader h = rotated(shape, 1, type, 1, 2);
            Volume v = NiftiRoundTripTest.filled(shape, type, type.code() + 11);
            NibabelPeer.Description nib = described.get(type.ordinal());
            assertArrayEquals(new int[] {4, 5, 6}, nib.shape(), type.toString());
            assertArrayEquals(v.data(), nib.data(), type + " data");
            assertMatrix(h.affine(), nib.matrix("affine"), type + " affine");
            assertMatrix(h.qformAffine(), nib.matrix("qform"), type + " qform");
            assertMatrix(h.sformAffine(), nib.matrix("sform"), type + " sform");
            assertEquals(1, nib.info().get("qform_code").asInt());
            assertEquals(2, nib.info().get("sform_code").asInt());
            assertEquals(0.8, nib.info().get("zooms").get(0).asDouble(), 1e-6);
            assertEquals(1.2, nib.info().get("zooms").get(1).asDouble(), 1e-6);
            assertEquals(2.5, nib.info().get("zooms").get(2).asDouble(), 1e-6);
        }
    }

    @Test
    void nibabelReadsScaledAndFourDimensionalEngineFiles() throws Exception {
        NibabelPeer peer = NibabelPeer.require(dir);
        int[] shape = {3, 4, 5};
        Volume c0 = NiftiRoundTripTest.filled(shape, NiftiDatatype.INT16, 1);
        Volume c1 = NiftiRoundTripTest.filled(shape, NiftiDatatype.INT16, 2);
        for (Volume c : List.of(c0, c1)) {
            for (int i = 0; i < c.size(); i++) {
                c.data()[i] = (float) (c.data()[i] * 0.25 - 7.0);
            }
        }
        NiftiHeader h = rotated(shape, 2, NiftiDatatype.INT16, 1, 0).withDatatype(NiftiDatatype.INT16, 0.25, -7.0);
        Path file = dir.resolve("engine_4d.nii");
        NiftiWriter.write(file, NiftiImage.of(h, c0, c1));
        NibabelPeer.Description nib = peer.describe(file);
        assertArrayEquals(new int[] {5, 4, 3, 2}, nib.shape());
        float[] both = new float[c0.size() * 2];
        System.arraycopy(c0.data(), 0, both, 0, c0.size());
        System.arraycopy(c1.data(), 0, both, c0.size(), c1.size());
        assertArrayEquals(both, nib.data());
        assertEquals(0, nib.info().get("sform_code").asInt());
        assertMatrix(h.qformAffine(), nib.matrix("affine"), "affine from qform when sform_code is 0");
    }

    @Test
    void theEngineReadsWhatNibabelWrites() throws Exception {
        NibabelPeer peer = NibabelPeer.require(dir);
        String affine = "[[0.0,-0.9,0.0,12.5],[0.0,0.0,2.0,-4.0],[-1.1,0.0,0.0,30.0],[0,0,0,1]]";
        record Case(String dtype, String shape, String extra) {}
        List<Case> cases = List.of(
                new Case("uint8", "[5,4,3]", ""),
                new Case("int8", "[5,4,3]", ""),
                new Case("int16", "[5,4,3]", ",\"slope\":2.0,\"inter\":-3.0"),
                new Case("uint16", "[5,4,3]", ",\"byteorder\":\"big\""),
                new Case("int32", "[5,4,3]", ",\"byteorder\":\"big\",\"slope\":0.5,\"inter\":1.5"),
                new Case("float32", "[5,4,3,2]", ",\"qform_code\":2,\"sform_code\":0"),
                new Case("float64", "[5,4,3]", ",\"byteorder\":\"big\",\"qform_code\":0,\"sform_code\":3"),
                new Case("uint8", "[5,4,3,3]", ",\"slope\":0.1,\"inter\":10"));
        List<String> specs = new java.util.ArrayList<>();
        List<Path> files = new java.util.ArrayList<>();
        for (int n = 0; n < cases.size(); n++) {
            Case c = cases.get(n);
            files.add(dir.resolve(String.format(Locale.ROOT, "nib_%d_%s.nii%s", n, c.dtype(), n % 2 == 0 ? ".gz" : "")));
            specs.add("{\"dtype\":\"" + c.dtype() + "\",\"shape\":" + c.shape() + ",\"affine\":" + affine
                    + ",\"seed\":" + n + c.extra() + "}");
        }
        List<float[]> expectedAll = peer.writeAll(specs, files);
        List<NibabelPeer.Description> described = peer.describeAll(files);
        for (int n = 0; n < cases.size(); n++) {
            Path file = files.get(n);
            String name = file.getFileName().toString();
            float[] expected = expectedAll.get(n);
            NibabelPeer.Description nib = described.get(n);
            NiftiImage image = NiftiReader.read(file);
            NiftiHeader h = image.header();
            int[] nibShape = nib.shape();
            assertArrayEquals(new int[] {nibShape[2], nibShape[1], nibShape[0]}, h.shape(), name);
            assertEquals(nibShape.length == 4 ? nibShape[3] : 1, image.channelCount(), name);
            float[] actual = new float[expected.length];
            int perChannel = image.channel(0).size();
            for (int ch = 0; ch < image.channelCount(); ch++) {
                System.arraycopy(image.channel(ch).data(), 0, actual, ch * perChannel, perChannel);
            }
            assertArrayEquals(expected, actual, name + " data");
            assertMatrix(nib.matrix("affine"), h.affine(), name + " affine");
            assertMatrix(nib.matrix("qform"), h.qformAffine(), name + " qform");
            assertEquals(nib.info().get("qform_code").asInt(), h.qformCode(), name);
            assertEquals(nib.info().get("sform_code").asInt(), h.sformCode(), name);
            double[] zooms = {nib.info().get("zooms").get(2).asDouble(), nib.info().get("zooms").get(1).asDouble(),
                    nib.info().get("zooms").get(0).asDouble()};
            assertArrayEquals(zooms, h.spacing(), 1e-6, name + " spacing");
        }
    }
}
