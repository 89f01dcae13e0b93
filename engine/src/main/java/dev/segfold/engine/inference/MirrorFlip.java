package dev.segfold.engine.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mirroring of test-time augmentation: which spatial axes (0 = z, 1 = y, 2 = x) a patch is
 * flipped along before the network sees it, and flipped back along afterwards.
 *
 * @param axes flipped axes, each 0, 1 or 2
 */
public record MirrorFlip(Set<Integer> axes) {
    /** The identity: nothing flipped. */
    public static final MirrorFlip NONE = new MirrorFlip(Set.of());

    public MirrorFlip {
        for (int a : axes) {
            if (a < 0 || a > 2) {
                throw new IllegalArgumentException("mirror axis must be 0 (z), 1 (y) or 2 (x), got " + a);
            }
        }
        axes = Set.copyOf(new TreeSet<>(axes));
    }

    /**
     * Every subset of {@code mirrorAxes}, the identity first: nnU-Net's 8 flips for axes
     * {0, 1, 2}, 2^k for k axes.
     */
    public static List<MirrorFlip> allSubsets(Set<Integer> mirrorAxes) {
        List<Integer> axes = new ArrayList<>(new TreeSet<>(mirrorAxes));
        List<MirrorFlip> flips = new ArrayList<>();
        for (int mask = 0; mask < (1 << axes.size()); mask++) {
            Set<Integer> subset = new TreeSet<>();
            for (int b = 0; b < axes.size(); b++) {
                if ((mask & (1 << b)) != 0) {
                    subset.add(axes.get(b));
                }
            }
            flips.add(new MirrorFlip(subset));
        }
        return flips;
    }

    /**
     * For a (z, y, x) patch, the row-major index that each index is mirrored to. A flip is its own
     * inverse, so the same map flips the input and flips the output back.
     */
    public int[] indexMap(int[] patchShape) {
        int d = patchShape[0], h = patchShape[1], w = patchShape[2];
        boolean fz = axes.contains(0), fy = axes.contains(1), fx = axes.contains(2);
        int[] map = new int[d * h * w];
        int i = 0;
        for (int z = 0; z < d; z++) {
            int sz = fz ? d - 1 - z : z;
            for (int y = 0; y < h; y++) {
                int sy = fy ? h - 1 - y : y;
                int row = (sz * h + sy) * w;
                for (int x = 0; x < w; x++) {
                    map[i++] = row + (fx ? w - 1 - x : x);
                }
            }
        }
        return map;
    }
}
