package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code SpatialTransform} without elastic deformation: takes the enlarged patch
 * the sampler cut out and returns the final patch from its centre, rotated and/or scaled.
 *
 * <p>With probability {@code pRotation} the patch is rotated, about each axis by an angle drawn
 * uniformly from +-{@code maxAngles[axis]} (nnU-Net's {@code rotation_p_per_axis} is 1: once
 * rotation fires every axis gets an angle); independently with probability {@code pScale} the
 * sampling grid is scaled by one factor from {@link RandomDraws#belowOrAboveOne}. When neither
 * fires the patch is a plain centre crop. Intensities are interpolated with cubic splines (0
 * outside), labels with order 1 per label (-1 outside).
 *
 * <p>Planar mode is nnU-Net's dummy-2D augmentation for anisotropic data: only the in-plane
 * rotation {@code maxAngles[0]} (about axis 0) is used and each z slice is transformed on its own.
 */
public final class SpatialTransform implements Augmentation {
    private final int[] patchSize;
    private final boolean planar;
    private final double[] maxAngles;
    private final double pRotation;
    private final double scaleLow;
    private final double scaleHigh;
    private final double pScale;

    /**
     * @param patchSize final patch (z, y, x)
     * @param planar dummy-2D: rotate and scale in-plane only
     * @param maxAngles rotation range in radians about axes 0, 1, 2 (only axis 0 when planar)
     * @param pRotation probability per sample of rotating
     * @param scaleLow lower end of the scale range (e.g. 0.7)
     * @param scaleHigh upper end of the scale range (e.g. 1.4)
     * @param pScale probability per sample of scaling
     */
    public SpatialTransform(int[] patchSize, boolean planar, double[] maxAngles, double pRotation,
            double scaleLow, double scaleHigh, double pScale) {
        if (patchSize.length != 3 || maxAngles.length != 3) {
            throw new IllegalArgumentException("patchSize and maxAngles need 3 entries (z, y, x)");
        }
        this.patchSize = patchSize.clone();
        this.planar = planar;
        this.maxAngles = maxAngles.clone();
        this.pRotation = pRotation;
        this.scaleLow = scaleLow;
        this.scaleHigh = scaleHigh;
        this.pScale = pScale;
    }

    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        double[][] matrix = identity();
        boolean modified = false;
        if (rng.nextDouble() < pRotation) {
            double a0 = RandomDraws.uniform(rng, -maxAngles[0], maxAngles[0]);
            if (planar) {
                matrix = rotationPlanar(a0);
            } else {
                double a1 = RandomDraws.uniform(rng, -maxAngles[1], maxAngles[1]);
                double a2 = RandomDraws.uniform(rng, -maxAngles[2], maxAngles[2]);
                matrix = rotation(a0, a1, a2);
            }
            modified = true;
        }
        if (rng.nextDouble() < pScale) {
            double s = RandomDraws.belowOrAboveOne(rng, scaleLow, scaleHigh);
            for (int r = planar ? 1 : 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    matrix[r][c] *= s;
                }
            }
            modified = true;
        }
        if (modified) {
            resample(sample, matrix);
        } else {
            centreCrop(sample);
        }
    }

    /** Applies a given grid transform; {@code matrix} maps output offsets to input offsets. */
    void resample(Sample sample, double[][] matrix) {
        AffineResampler r = new AffineResampler(sample.shape(), patchSize, matrix, planar);
        Volume[] data = Arrays.stream(sample.data()).map(r::sampleIntensity).toArray(Volume[]::new);
        Volume[] seg = Arrays.stream(sample.seg()).map(r::sampleLabels).toArray(Volume[]::new);
        sample.set(data, seg);
    }

    /** Cuts the patch from the centre (lower corner shape//2 - patch//2); data 0, seg -1 beyond. */
    void centreCrop(Sample sample) {
        int[] shape = sample.shape();
        int[] lb = new int[3];
        for (int a = 0; a < 3; a++) {
            lb[a] = shape[a] / 2 - patchSize[a] / 2;
        }
        Volume[] data = Arrays.stream(sample.data()).map(v -> Crop.extract(v, lb, patchSize, 0f))
                .toArray(Volume[]::new);
        Volume[] seg = Arrays.stream(sample.seg()).map(v -> Crop.extract(v, lb, patchSize, -1f))
                .toArray(Volume[]::new);
        sample.set(data, seg);
    }

    static double[][] identity() {
        return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    }

    /**
     * The grid rotation of batchgenerators' {@code rotate_coords_3d}: coordinates become
     * (Rx(a0) Ry(a1) Rz(a2))^T c, where Rx rotates about axis 0, Ry about axis 1, Rz about axis 2.
     */
    static double[][] rotation(double a0, double a1, double a2) {
        double c0 = Math.cos(a0);
        double s0 = Math.sin(a0);
        double c1 = Math.cos(a1);
        double s1 = Math.sin(a1);
        double c2 = Math.cos(a2);
        double s2 = Math.sin(a2);
        double[][] rx = {{1, 0, 0}, {0, c0, -s0}, {0, s0, c0}};
        double[][] ry = {{c1, 0, s1}, {0, 1, 0}, {-s1, 0, c1}};
        double[][] rz = {{c2, -s2, 0}, {s2, c2, 0}, {0, 0, 1}};
        return transpose(multiply(multiply(rx, ry), rz));
    }

    /** {@code rotate_coords_2d} on the (y, x) plane, z untouched. */
    static double[][] rotationPlanar(double a) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        return new double[][] {{1, 0, 0}, {0, c, s}, {0, -s, c}};
    }

    static double[][] multiply(double[][] a, double[][] b) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return r;
    }

    static double[][] transpose(double[][] a) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = a[j][i];
            }
        }
        return r;
    }
}
