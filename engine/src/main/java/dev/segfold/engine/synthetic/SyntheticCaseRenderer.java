package dev.segfold.engine.synthetic;

import dev.segfold.engine.image.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Draws one synthetic case. All geometry is in millimetres so that anisotropic spacing gives the
 * same anatomy on a coarser grid.
 *
 * <p>The scene: an ellipsoidal "head" (outside it the image is exactly 0, as in skull-stripped
 * MRI, so that nonzero cropping has work to do); inside it a bent body that is thicker at one end,
 * cut across its long axis into K touching parts; and distractors of similar brightness, textured
 * blobs and a thin tube, that a threshold cannot tell from the body. A smooth multiplicative bias
 * field and Gaussian noise go over everything inside the head. {@link StrictMath} keeps the voxels
 * identical on every platform.
 */
final class SyntheticCaseRenderer {
    private static final double BACKGROUND = 0.3;
    private static final double SCALE = 1000.0;
    private static final double NOISE_SD = 0.06;
    private static final int PLACEMENT_ATTEMPTS = 200;

    private final int[] shape;
    private final double[] spacing;
    private final int classes;
    private final int channelCount;
    private final double[] extent;
    private final double minExtent;

    SyntheticCaseRenderer(int[] shape, double[] spacing, int classes, int channelCount) {
        this.shape = shape.clone();
        this.spacing = spacing.clone();
        this.classes = classes;
        this.channelCount = channelCount;
        this.extent = new double[] {shape[0] * spacing[0], shape[1] * spacing[1], shape[2] * spacing[2]};
        this.minExtent = Math.min(extent[0], Math.min(extent[1], extent[2]));
    }

    /** Tissue codes in the scene map: 0 air, 1 background tissue, 2..K+1 body parts, then distractors. */
    private static final int AIR = 0;
    private static final int TISSUE = 1;
    private static final int BLOB = 100;
    private static final int TUBE = 101;

    SyntheticCase render(String caseId, RandomGenerator rng) {
        int n = shape[0] * shape[1] * shape[2];
        int[] scene = new int[n];
        drawHead(scene, rng);
        drawBody(scene, rng);
        boolean[] keepOut = dilate(bodyMask(scene), 2);
        int blobs = 3 + rng.nextInt(2);
        double[] blobIntensity = new double[blobs];
        double[][] blobPhase = new double[blobs][];
        for (int b = 0; b < blobs; b++) {
            blobIntensity[b] = uniform(rng, 0.8, 1.0);
            blobPhase[b] = new double[] {uniform(rng, 0, 2 * Math.PI), uniform(rng, 0, 2 * Math.PI), uniform(rng, 0, 2 * Math.PI)};
            placeBlob(scene, keepOut, BLOB + 2 * b, rng);
        }
        double tubeIntensity = uniform(rng, 0.8, 1.0);
        placeTube(scene, keepOut, rng);

        Volume labels = Volume.zeros(shape);
        for (int i = 0; i < n; i++) {
            if (scene[i] >= 2 && scene[i] < BLOB) {
                labels.data()[i] = scene[i] - 1;
            }
        }
        double[] bias = biasCoefficients(rng);
        double textureWavelength = 3.2 * Math.max(spacing[1], spacing[2]);
        Volume[] channels = new Volume[channelCount];
        for (int c = 0; c < channelCount; c++) {
            float[] d = new float[n];
            for (int z = 0, i = 0; z < shape[0]; z++) {
                for (int y = 0; y < shape[1]; y++) {
                    for (int x = 0; x < shape[2]; x++, i++) {
                        int t = scene[i];
                        if (t == AIR) {
                            continue;
                        }
                        double value;
                        if (t == TISSUE) {
                            value = tissue(c, BACKGROUND);
                        } else if (t < BLOB) {
                            value = tissue(c, bodyIntensity(t - 1));
                        } else if (t == TUBE) {
                            value = tissue(c, tubeIntensity);
                        } else {
                            int b = (t - BLOB) / 2;
                            double k = 2 * Math.PI / textureWavelength;
                            double texture = StrictMath.sin(k * z * spacing[0] + blobPhase[b][0])
                                    * StrictMath.sin(k * y * spacing[1] + blobPhase[b][1])
                                    * StrictMath.sin(k * x * spacing[2] + blobPhase[b][2]);
                            value = tissue(c, blobIntensity[b]) * (1.0 + 0.6 * texture);
                        }
                        value *= biasAt(bias, z, y, x);
                        value += NOISE_SD * rng.nextGaussian();
                        // keep the head strictly nonzero so cropping sees its true extent
                        d[i] = (float) (SCALE * Math.max(value, 0.01));
                    }
                }
            }
            channels[c] = new Volume(shape, d);
        }
        return new SyntheticCase(caseId, channels, labels);
    }

    /** Body part k (1..K) brightness in channel 0: the thick end brightest, each next part darker. */
    private double bodyIntensity(int k) {
        return classes == 1 ? 1.0 : 1.0 - 0.18 * (k - 1) / (classes - 1);
    }

    /** Channel 0 keeps the intensity; further channels invert the contrast, like T1 against T2. */
    private static double tissue(int channel, double intensity) {
        return channel == 0 ? intensity : 1.1 - intensity * (0.7 + 0.1 * channel);
    }

    private void drawHead(int[] scene, RandomGenerator rng) {
        double[] semi = new double[3];
        for (int a = 0; a < 3; a++) {
            semi[a] = extent[a] * uniform(rng, 0.44, 0.48);
        }
        forEachVoxel((i, p) -> {
            double s = 0;
            for (int a = 0; a < 3; a++) {
                double q = (p[a] - extent[a] / 2) / semi[a];
                s += q * q;
            }
            scene[i] = s <= 1 ? TISSUE : AIR;
        });
    }

    /**
     * The body: long axis near y (tilted up to 35 degrees), bent, tapering from the first part to
     * the last so that the parts can be told apart by shape as well as brightness.
     */
    private void drawBody(int[] scene, RandomGenerator rng) {
        for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
            double a = minExtent * uniform(rng, 0.28, 0.38);
            double b = minExtent * uniform(rng, 0.12, 0.16);
            double c = b * uniform(rng, 0.8, 1.2);
            double tiltZ = StrictMath.toRadians(uniform(rng, -35, 35));
            double tiltX = StrictMath.toRadians(uniform(rng, -35, 35));
            double[] e1 = normalize(new double[] {StrictMath.sin(tiltZ), StrictMath.cos(tiltZ) * StrictMath.cos(tiltX), StrictMath.sin(tiltX)});
            double roll = uniform(rng, 0, 2 * Math.PI);
            double[] helper = Math.abs(e1[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 0, 1};
            double[] u = normalize(cross(e1, helper));
            double[] v = cross(e1, u);
            double[] e2 = new double[3];
            for (int k = 0; k < 3; k++) {
                e2[k] = StrictMath.cos(roll) * u[k] + StrictMath.sin(roll) * v[k];
            }
            double[] e3 = cross(e1, e2);
            double bend = uniform(rng, -0.6, 0.6) / a;
            double[] center = new double[3];
            for (int k = 0; k < 3; k++) {
                center[k] = extent[k] * (0.5 + uniform(rng, -0.1, 0.1));
            }
            double[] cuts = new double[classes - 1];
            for (int k = 1; k < classes; k++) {
                cuts[k - 1] = -1 + 2.0 * k / classes + uniform(rng, -0.12, 0.12);
            }
            int[] proposal = new int[scene.length];
            boolean[] fits = {true};
            forEachVoxel((i, p) -> {
                double[] d = {p[0] - center[0], p[1] - center[1], p[2] - center[2]};
                double along = dot(d, e1);
                double t = along / a;
                if (t < -1 || t > 1) {
                    return;
                }
                double across = dot(d, e2) - bend * along * along;
                double depth = dot(d, e3);
                double taper = 1.0 - 0.3 * t;
                double r = t * t + sq(across / (b * taper)) + sq(depth / (c * taper));
                if (r <= 1) {
                    if (scene[i] != TISSUE) {
                        fits[0] = false;
                    }
                    int part = 1;
                    for (double cut : cuts) {
                        if (t > cut) {
                            part++;
                        }
                    }
                    proposal[i] = 1 + part;
                }
            });
            if (fits[0]) {
                for (int i = 0; i < scene.length; i++) {
                    if (proposal[i] != 0) {
                        scene[i] = proposal[i];
                    }
                }
                return;
            }
        }
        throw new IllegalStateException("cannot fit the body inside a head of " + java.util.Arrays.toString(shape)
                + " voxels; use a larger image shape");
    }

    /** A roughly spherical blob with a texture the body lacks, away from the body. */
    private void placeBlob(int[] scene, boolean[] keepOut, int code, RandomGenerator rng) {
        for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
            double r = minExtent * uniform(rng, 0.13, 0.17);
            double[] semi = {r * uniform(rng, 0.85, 1.15), r * uniform(rng, 0.85, 1.15), r * uniform(rng, 0.85, 1.15)};
            double[] center = {uniform(rng, 0, extent[0]), uniform(rng, 0, extent[1]), uniform(rng, 0, extent[2])};
            double bound = Math.max(semi[0], Math.max(semi[1], semi[2]));
            if (tryPlace(scene, keepOut, code, center, bound, p -> sq((p[0] - center[0]) / semi[0]) + sq((p[1] - center[1]) / semi[1])
                    + sq((p[2] - center[2]) / semi[2]) <= 1)) {
                return;
            }
        }
        // a crowded head simply gets fewer distractors
    }

    /** A thin straight tube, as bright as the body but far thinner. */
    private void placeTube(int[] scene, boolean[] keepOut, RandomGenerator rng) {
        for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
            double radius = minExtent * uniform(rng, 0.04, 0.06);
            double half = minExtent * uniform(rng, 0.2, 0.35);
            double[] dir = normalize(new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()});
            double[] center = {uniform(rng, 0, extent[0]), uniform(rng, 0, extent[1]), uniform(rng, 0, extent[2])};
            if (tryPlace(scene, keepOut, TUBE, center, half + radius, p -> {
                double[] d = {p[0] - center[0], p[1] - center[1], p[2] - center[2]};
                double along = dot(d, dir);
                if (Math.abs(along) > half) {
                    return false;
                }
                return dot(d, d) - along * along <= radius * radius;
            })) {
                return;
            }
        }
    }

    private interface Shape {
        boolean contains(double[] p);
    }

    /**
     * Draws {@code candidate} with {@code code} if all of it lies in free tissue outside {@code keepOut};
     * only voxels within {@code bound} mm of {@code center} are tested.
     */
    private boolean tryPlace(int[] scene, boolean[] keepOut, int code, double[] center, double bound, Shape candidate) {
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int a = 0; a < 3; a++) {
            lo[a] = Math.max(0, (int) Math.floor((center[a] - bound) / spacing[a] - 0.5));
            hi[a] = Math.min(shape[a] - 1, (int) Math.ceil((center[a] + bound) / spacing[a] - 0.5));
        }
        List<Integer> voxels = new ArrayList<>();
        double[] p = new double[3];
        for (int z = lo[0]; z <= hi[0]; z++) {
            p[0] = (z + 0.5) * spacing[0];
            for (int y = lo[1]; y <= hi[1]; y++) {
                p[1] = (y + 0.5) * spacing[1];
                for (int x = lo[2]; x <= hi[2]; x++) {
                    p[2] = (x + 0.5) * spacing[2];
                    if (candidate.contains(p)) {
                        int i = (z * shape[1] + y) * shape[2] + x;
                        if (scene[i] != TISSUE || keepOut[i]) {
                            return false;
                        }
                        voxels.add(i);
                    }
                }
            }
        }
        if (voxels.isEmpty()) {
            return false;
        }
        boolean[] inside = new boolean[scene.length];
        for (int i : voxels) {
            inside[i] = true;
            scene[i] = code;
        }
        // distractors keep a gap between each other too
        boolean[] halo = dilate(inside, 1);
        for (int i = 0; i < scene.length; i++) {
            keepOut[i] |= halo[i];
        }
        return true;
    }

    private boolean[] bodyMask(int[] scene) {
        boolean[] m = new boolean[scene.length];
        for (int i = 0; i < scene.length; i++) {
            m[i] = scene[i] >= 2 && scene[i] < BLOB;
        }
        return m;
    }

    /** Dilation by {@code steps} voxels in the 6-neighbourhood. */
    private boolean[] dilate(boolean[] mask, int steps) {
        boolean[] cur = mask.clone();
        int sz = shape[0];
        int sy = shape[1];
        int sx = shape[2];
        for (int s = 0; s < steps; s++) {
            boolean[] next = cur.clone();
            for (int z = 0, i = 0; z < sz; z++) {
                for (int y = 0; y < sy; y++) {
                    for (int x = 0; x < sx; x++, i++) {
                        if (!cur[i]) {
                            continue;
                        }
                        if (x > 0) next[i - 1] = true;
                        if (x < sx - 1) next[i + 1] = true;
                        if (y > 0) next[i - sx] = true;
                        if (y < sy - 1) next[i + sx] = true;
                        if (z > 0) next[i - sx * sy] = true;
                        if (z < sz - 1) next[i + sx * sy] = true;
                    }
                }
            }
            cur = next;
        }
        return cur;
    }

    /** A smooth field exp(sum of degree <= 2 monomials in normalised coordinates), about 0.7..1.4. */
    private static double[] biasCoefficients(RandomGenerator rng) {
        double[] c = new double[9];
        for (int k = 0; k < c.length; k++) {
            c[k] = 0.12 * rng.nextGaussian();
        }
        return c;
    }

    private double biasAt(double[] c, int z, int y, int x) {
        double u = 2.0 * z / Math.max(1, shape[0] - 1) - 1;
        double v = 2.0 * y / Math.max(1, shape[1] - 1) - 1;
        double w = 2.0 * x / Math.max(1, shape[2] - 1) - 1;
        double e = c[0] * u + c[1] * v + c[2] * w + c[3] * u * v + c[4] * v * w + c[5] * u * w
                + c[6] * u * u + c[7] * v * v + c[8] * w * w;
        return StrictMath.exp(e);
    }

    private interface VoxelVisitor {
        void visit(int index, double[] positionMm);
    }

    private void forEachVoxel(VoxelVisitor visitor) {
        double[] p = new double[3];
        for (int z = 0, i = 0; z < shape[0]; z++) {
            p[0] = (z + 0.5) * spacing[0];
            for (int y = 0; y < shape[1]; y++) {
                p[1] = (y + 0.5) * spacing[1];
                for (int x = 0; x < shape[2]; x++, i++) {
                    p[2] = (x + 0.5) * spacing[2];
                    visitor.visit(i, p);
                }
            }
        }
    }

    private static double uniform(RandomGenerator rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] normalize(double[] a) {
        double n = Math.sqrt(dot(a, a));
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}
