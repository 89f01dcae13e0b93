package dev.segfold.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class EnlargedPatchTest {
    @Test
    void hippocampusPatchGrowsAsInNnUNet() {
        // get_patch_size([40,56,40], +-30 deg each axis, scale (0.85, 1.25)):
        // axis 0 rot -> (40, 68.5, 6.6); axis 1 -> (14.6, 56, 54.6); axis 2 -> (62.6, 28.5, 40)
        // max (62.64, 68.50, 54.64) / 0.85 -> (73.7, 80.6, 64.3) -> (73, 80, 64)
        assertArrayEquals(new int[] {73, 80, 64}, EnlargedPatch.nnUNet(new int[] {40, 56, 40}, false));
    }

    @Test
    void dummy2DKeepsAxisZeroAndUsesTheLargerInPlaneExtent() {
        // in-plane rotation capped at 90 deg swaps y and x extents: both become max(y, x) / 0.85
        assertArrayEquals(new int[] {10, 150, 150}, EnlargedPatch.nnUNet(new int[] {10, 128, 96}, true));
    }

    @Test
    void withoutRotationOnlyTheScaleEnlarges() {
        assertArrayEquals(new int[] {20, 40, 80}, EnlargedPatch.volumetric(new int[] {10, 20, 40}, 0, 0, 0, 0.5));
    }

    @Test
    void anglesAreCappedAtNinetyDegrees() {
        int[] patch = {16, 32, 24};
        assertArrayEquals(EnlargedPatch.volumetric(patch, Math.PI / 2, Math.PI / 2, Math.PI / 2, 1),
                EnlargedPatch.volumetric(patch, Math.PI, Math.PI, Math.PI, 1));
    }
}
