package dev.segfold.engine.sampling;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.preprocess.CaseProperties;
import dev.segfold.engine.preprocess.PreprocessedCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small synthetic preprocessed cases: two ellipsoid labels in noise, -1 in one corner slab. */
final class SyntheticCases {
    private SyntheticCases() {}

    static PreprocessedCase make(String id, int[] shape, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = shape[0] * shape[1] * shape[2];
        float[] img = new float[n];
        float[] seg = new float[n];
        double[] c1 = centre(shape, rng);
        double[] c2 = centre(shape, rng);
        for (int z = 0, i = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[2]; x++, i++) {
                    float label = 0;
                    if (inside(z, y, x, c1, shape, 0.2)) {
                        label = 1;
                    } else if (inside(z, y, x, c2, shape, 0.15)) {
                        label = 2;
                    } else if (z == 0 && y < 2) {
                        label = -1;
                    }
                    seg[i] = label;
                    img[i] = label < 0 ? 0 : (float) (label + 0.3 * rng.nextGaussian());
                }
            }
        }
        Volume segV = new Volume(shape, seg);
        return new PreprocessedCase(id, new Volume[] {new Volume(shape, img)}, segV, properties(segV));
    }

    /** Properties whose class locations are every voxel of each foreground label. */
    static CaseProperties properties(Volume seg) {
        Map<Integer, List<int[]>> locs = new HashMap<>();
        int[] s = seg.shape();
        for (int z = 0; z < s[0]; z++) {
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[2]; x++) {
                    int l = (int) seg.get(z, y, x);
                    if (l > 0) {
                        locs.computeIfAbsent(l, k -> new ArrayList<>()).add(new int[] {z, y, x});
                    }
                }
            }
        }
        Map<Integer, int[][]> classLocations = new HashMap<>();
        locs.forEach((k, v) -> classLocations.put(k, v.toArray(new int[0][])));
        return new CaseProperties(s, new double[] {1, 1, 1}, new int[][] {{0, s[0]}, {0, s[1]}, {0, s[2]}},
                s, new double[] {1, 1, 1}, s, classLocations);
    }

    private static double[] centre(int[] shape, SplittableRandom rng) {
        return new double[] {
            shape[0] * rng.nextDouble(0.3, 0.7), shape[1] * rng.nextDouble(0.3, 0.7), shape[2] * rng.nextDouble(0.3, 0.7)
        };
    }

    private static boolean inside(int z, int y, int x, double[] c, int[] shape, double frac) {
        double dz = (z - c[0]) / (shape[0] * frac);
        double dy = (y - c[1]) / (shape[1] * frac);
        double dx = (x - c[2]) / (shape[2] * frac);
        return dz * dz + dy * dy + dx * dx <= 1;
    }

    static List<TrainingCase> cases(int count, int[] shape) {
        List<TrainingCase> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(TrainingCase.of(make("case_" + i, shape, 1000 + i)));
        }
        return out;
    }
}
