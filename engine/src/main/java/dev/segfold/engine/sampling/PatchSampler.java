package dev.segfold.engine.sampling;

import dev.segfold.engine.augment.Crop;
import dev.segfold.engine.augment.Sample;
import dev.segfold.engine.image.Volume;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Cuts one loader patch out of a case, as nnU-Net's {@code DataLoader3D} does for one batch entry.
 *
 * <p>The loader patch L may stick out of the case by the padding {@code pad = L - patch} (more if
 * the case is smaller than L), so its lower corner ranges over
 * [floor(-pad/2), shape + pad//2 + pad%2 - L]. A random crop draws it uniformly there; a crop
 * forced to foreground centres L on a stored voxel of a randomly chosen foreground class present
 * in the case (lower corner clamped only from below, as in nnU-Net), falling back to a random crop
 * when the case has no foreground. Outside the case, data is 0, segmentation -1 and the previous
 * stage's map 0.
 */
public final class PatchSampler {
    private final int[] patchSize;
    private final int[] loaderPatch;

    public PatchSampler(SamplingSettings settings) {
        this.patchSize = settings.patchSize();
        this.loaderPatch = settings.loaderPatchSize();
    }

    /** Cuts the loader patch for one batch entry. */
    public Sample sample(TrainingCase c, boolean forceForeground, SplittableRandom rng) {
        Map<Integer, int[][]> locations = c.preprocessed().properties() == null
                ? null : c.preprocessed().properties().classLocations();
        if (forceForeground && locations == null) {
            throw new IllegalArgumentException("case " + c.caseId()
                    + " has no class locations in its properties; foreground oversampling needs them");
        }
        int[] lb = lowerBound(c.shape(), locations, forceForeground, rng);
        return extract(c, lb);
    }

    /** Lower corner (z, y, x) of the loader patch in case coordinates. */
    public int[] lowerBound(int[] shape, Map<Integer, int[][]> classLocations, boolean forceForeground,
            SplittableRandom rng) {
        int[] lbMin = new int[3];
        int[] lbMax = new int[3];
        for (int a = 0; a < 3; a++) {
            int pad = loaderPatch[a] - patchSize[a];
            if (pad + shape[a] < loaderPatch[a]) {
                pad = loaderPatch[a] - shape[a];
            }
            lbMin[a] = Math.floorDiv(-pad, 2);
            lbMax[a] = shape[a] + pad / 2 + pad % 2 - loaderPatch[a];
        }
        int[] voxel = forceForeground ? foregroundVoxel(classLocations, rng) : null;
        int[] lb = new int[3];
        for (int a = 0; a < 3; a++) {
            lb[a] = voxel != null
                    ? Math.max(lbMin[a], voxel[a] - loaderPatch[a] / 2)
                    : rng.nextInt(lbMin[a], lbMax[a] + 1);
        }
        return lb;
    }

    /** A stored voxel of a random foreground class present in the case; null if there is none. */
    static int[] foregroundVoxel(Map<Integer, int[][]> classLocations, SplittableRandom rng) {
        int[] classes = classLocations.entrySet().stream()
                .filter(e -> e.getKey() > 0 && e.getValue() != null && e.getValue().length > 0)
                .mapToInt(Map.Entry::getKey).sorted().toArray();
        if (classes.length == 0) {
            return null;
        }
        int[][] voxels = classLocations.get(classes[rng.nextInt(classes.length)]);
        return voxels[rng.nextInt(voxels.length)];
    }

    /** The loader patch at {@code lb}, padded with data 0, segmentation -1, previous stage 0. */
    public Sample extract(TrainingCase c, int[] lb) {
        Volume[] data = Arrays.stream(c.preprocessed().data())
                .map(v -> Crop.extract(v, lb, loaderPatch, 0f)).toArray(Volume[]::new);
        Volume seg = Crop.extract(c.preprocessed().seg(), lb, loaderPatch, -1f);
        Volume[] segs = c.previousStage() == null
                ? new Volume[] {seg}
                : new Volume[] {seg, Crop.extract(c.previousStage(), lb, loaderPatch, 0f)};
        return new Sample(data, segs);
    }
}
