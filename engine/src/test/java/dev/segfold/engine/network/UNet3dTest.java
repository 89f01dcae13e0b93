package dev.segfold.engine.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UNet3dTest {

    static UNet3d tiny() {
        return UNet3d.builder().inputChannels(2).numClasses(3).baseFeatures(4).maxFeatures(12)
                .poolKernels(new int[] {1, 2, 2}, new int[] {2, 2, 2}, new int[] {2, 2, 2})
                .convKernels(new int[] {1, 3, 3}, new int[] {3, 3, 3}, new int[] {3, 3, 3}, new int[] {3, 3, 3})
                .optDeepSupervision(true).build();
    }

    static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void featuresAreCappedAndDoubled() {
        UNet3dConfig c = tiny().config();
        assertEquals(4, c.features(0));
        assertEquals(8, c.features(1));
        assertEquals(12, c.features(2));
        assertEquals(12, c.features(3));
        UNet3dConfig hippo = UNet3d.builder().numClasses(3).isotropicPools(3).config();
        assertEquals(256, hippo.features(3));
        assertEquals(320, UNet3d.builder().numClasses(3).isotropicPools(5).config().features(5));
    }

    @Test
    void decoderUsesNextResolutionKernelAndHeadsHaveNoBias() {
        UNet3d net = tiny();
        ParameterSpec deepest = spec(net, "conv_blocks_localization.0.0.blocks.0.conv.weight");
        // decoder stage s = 2 concatenates 2 * 12 channels, kernel convKernels[3]
        assertArrayEquals(new long[] {12, 24, 3, 3, 3}, deepest.shape());
        ParameterSpec fullRes = spec(net, "conv_blocks_localization.2.0.blocks.0.conv.weight");
        // stage s = 0 uses convKernels[1] = [3,3,3] although its own kernel is [1,3,3]
        assertArrayEquals(new long[] {4, 8, 3, 3, 3}, fullRes.shape());
        assertArrayEquals(new long[] {4, 2, 1, 3, 3}, spec(net, "conv_blocks_context.0.blocks.0.conv.weight").shape());
        assertArrayEquals(new long[] {8, 4, 1, 2, 2}, spec(net, "tu.2.weight").shape());
        assertArrayEquals(new long[] {3, 4, 1, 1, 1}, spec(net, "seg_outputs.2.weight").shape());
        assertTrue(net.parameterSpecs().stream().noneMatch(s -> s.name().matches("(tu|seg_outputs)\\..*bias")));
        assertEquals("seg_outputs.2.weight", net.headName(0));
    }

    private static ParameterSpec spec(UNet3d net, String name) {
        return net.parameterSpecs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void forwardGivesDeepSupervisionOutputsFullResolutionFirst() {
        UNet3d net = tiny();
        try (NDManager m = NDManager.newBaseManager(); UNet3dParameters p = UNet3dParameters.initialize(net, m, 1)) {
            NDArray x = m.create(random(2 * 2 * 8 * 16 * 16, 3), new Shape(2, 2, 8, 16, 16));
            NDList out = net.forward(p, x, 3);
            assertEquals(new Shape(2, 3, 8, 16, 16), out.get(0).getShape());
            assertEquals(new Shape(2, 3, 8, 8, 8), out.get(1).getShape());
            assertEquals(new Shape(2, 3, 4, 4, 4), out.get(2).getShape());
            assertArrayEquals(new int[] {4, 4, 4}, net.config().shapeAt(2, new int[] {8, 16, 16}));
            NDList one = net.forward(p, x, 1);
            assertEquals(1, one.size());
            assertArrayEquals(out.get(0).toFloatArray(), one.get(0).toFloatArray(), 1e-6f);
            // the input is the caller's and stays open
            assertEquals(2 * 2 * 8 * 16 * 16, x.toFloatArray().length);
        }
    }

    @Test
    void kaimingInitHasTheExpectedSpreadAndIsSeeded() {
        UNet3d net = UNet3d.builder().numClasses(2).baseFeatures(16).maxFeatures(32).isotropicPools(1).build();
        try (NDManager m = NDManager.newBaseManager();
                UNet3dParameters a = UNet3dParameters.initialize(net, m, 7);
                UNet3dParameters b = UNet3dParameters.initialize(net, m, 7)) {
            float[] w = a.values("conv_blocks_context.1.0.blocks.0.conv.weight"); // (32, 16, 3,3,3)
            double var = 0;
            for (float v : w) {
                var += v * v;
            }
            var /= w.length;
            double expected = 2.0 / (1 + 1e-4) / (16 * 27);
            assertEquals(expected, var, expected * 0.1);
            float[] tu = a.values("tu.0.weight"); // (32, 16, 2,2,2): fan-in is 16 * 8
            double tv = 0;
            for (float v : tu) {
                tv += v * v;
            }
            assertEquals(2.0 / (1 + 1e-4) / (16 * 8), tv / tu.length, 2.0 / 128 * 0.15);
            assertArrayEquals(w, b.values("conv_blocks_context.1.0.blocks.0.conv.weight"));
            assertArrayEquals(new float[16], a.values("conv_blocks_context.0.blocks.0.conv.bias"));
        }
    }

    @Test
    void parametersRoundTripThroughNpzAndMismatchIsNamed(@TempDir Path dir) throws Exception {
        UNet3d net = tiny();
        Path file = dir.resolve("model.params");
        try (NDManager m = NDManager.newBaseManager(); UNet3dParameters p = UNet3dParameters.initialize(net, m, 5)) {
            p.save(file);
            try (UNet3dParameters q = UNet3dParameters.load(net, m, file)) {
                assertEquals(p.names(), q.names());
                for (String n : p.names()) {
                    assertArrayEquals(p.values(n), q.values(n), n);
                }
            }
            UNet3d other = UNet3d.builder().inputChannels(1).numClasses(3).baseFeatures(4).maxFeatures(12)
                    .poolKernels(new int[] {1, 2, 2}, new int[] {2, 2, 2}, new int[] {2, 2, 2})
                    .convKernels(new int[] {1, 3, 3}, new int[] {3, 3, 3}, new int[] {3, 3, 3}, new int[] {3, 3, 3})
                    .build();
            Exception e = assertThrows(java.io.IOException.class, () -> UNet3dParameters.load(other, m, file));
            assertTrue(e.getMessage().contains("conv_blocks_context.0.blocks.0.conv.weight"), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void configRoundTripsThroughJsonAndRejectsBadShapes() {
        UNet3dConfig c = tiny().config();
        UNet3dConfig back = UNet3dConfig.fromJson(c.toJson());
        assertEquals(c, back);
        assertEquals(c.digest(), back.digest());
        assertTrue(c.toJson().contains("[1,2,2]"), c.toJson());
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> UNet3d.builder().numClasses(3).isotropicPools(2).convKernels(new int[] {3, 3, 3}).build());
        assertTrue(e.getMessage().contains("convKernels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UNet3d.builder().numClasses(1).isotropicPools(2).build());
    }
}
