package dev.segfold.engine.augment;

import java.util.ArrayList;
import java.util.List;

/**
 * nnU-Net v1's training and validation augmentation ({@code get_moreDA_augmentation} with
 * nnUNetTrainerV2's parameters), with its constants. The order matters and is nnU-Net's: spatial,
 * noise, blur, brightness, contrast, low resolution, inverted gamma, gamma, mirror, mask, -1 to 0,
 * then for the cascade the previous stage's one-hot and its random morphological corruption.
 * Elastic deformation is off and the cascade's "remove random connected component" is left out
 * because in v1 it never removes anything (its arguments are swapped).
 */
public final class NnUNetAugmentation {
    /** Rotation range about each axis for 3D augmentation: +-30 degrees. */
    public static final double ROTATION_3D = Math.toRadians(30);
    /** In-plane rotation range for dummy-2D augmentation: +-180 degrees. */
    public static final double ROTATION_DUMMY_2D = Math.toRadians(180);
    public static final double P_ROTATION = 0.2;
    public static final double SCALE_LOW = 0.7;
    public static final double SCALE_HIGH = 1.4;
    public static final double P_SCALE = 0.2;
    public static final double P_NOISE = 0.1;
    public static final double NOISE_MAX_STD = 0.1;
    public static final double P_BLUR = 0.2;
    public static final double P_BLUR_PER_CHANNEL = 0.5;
    public static final double P_BRIGHTNESS = 0.15;
    public static final double P_CONTRAST = 0.15;
    public static final double P_LOW_RESOLUTION = 0.25;
    public static final double P_LOW_RESOLUTION_PER_CHANNEL = 0.5;
    public static final double P_GAMMA_INVERTED = 0.1;
    public static final double P_GAMMA = 0.3;
    public static final double GAMMA_LOW = 0.7;
    public static final double GAMMA_HIGH = 1.5;
    public static final double P_MIRROR_PER_AXIS = 0.5;
    public static final double P_CASCADE_BINARY_OPERATOR = 0.4;
    public static final double CASCADE_BALL_RADIUS_LOW = 1;
    public static final double CASCADE_BALL_RADIUS_HIGH = 8;

    private NnUNetAugmentation() {}

    /** The training pipeline: every step of nnU-Net's training augmentation. */
    public static AugmentationPipeline training(AugmentationSettings s) {
        boolean planar = s.dummy2D();
        double[] angles = planar
                ? new double[] {ROTATION_DUMMY_2D, 0, 0}
                : new double[] {ROTATION_3D, ROTATION_3D, ROTATION_3D};
        List<Augmentation> steps = new ArrayList<>();
        steps.add(new SpatialTransform(s.patchSize(), planar, angles, P_ROTATION, SCALE_LOW, SCALE_HIGH, P_SCALE));
        steps.add(new GaussianNoise(P_NOISE, NOISE_MAX_STD));
        steps.add(new GaussianBlur(P_BLUR, P_BLUR_PER_CHANNEL, 0.5, 1.0));
        steps.add(new BrightnessMultiplicative(P_BRIGHTNESS, 0.75, 1.25));
        steps.add(new ContrastAugmentation(P_CONTRAST, 0.75, 1.25));
        steps.add(new SimulateLowResolution(P_LOW_RESOLUTION, P_LOW_RESOLUTION_PER_CHANNEL, 0.5, 1.0, planar));
        steps.add(new GammaAugmentation(P_GAMMA_INVERTED, GAMMA_LOW, GAMMA_HIGH, true, true));
        steps.add(new GammaAugmentation(P_GAMMA, GAMMA_LOW, GAMMA_HIGH, false, true));
        steps.add(new Mirror(new int[] {0, 1, 2}, P_MIRROR_PER_AXIS));
        steps.add(new MaskOutsideNonzero(s.maskUsedForNormalization()));
        steps.add(new RemoveLabel(-1, 0));
        if (s.cascade()) {
            steps.add(new PreviousStageOneHot(s.cascadeLabels()));
            steps.add(new RandomBinaryOperator(s.cascadeLabels().length, P_CASCADE_BINARY_OPERATOR, 1.0,
                    CASCADE_BALL_RADIUS_LOW, CASCADE_BALL_RADIUS_HIGH));
        }
        return new AugmentationPipeline(steps);
    }

    /**
     * The validation pipeline: no augmentation, only -1 to 0 and (cascade) the previous stage's
     * one-hot. The sampler must already cut patches of the final size.
     */
    public static AugmentationPipeline validation(AugmentationSettings s) {
        List<Augmentation> steps = new ArrayList<>();
        steps.add(new RemoveLabel(-1, 0));
        if (s.cascade()) {
            steps.add(new PreviousStageOneHot(s.cascadeLabels()));
        }
        return new AugmentationPipeline(steps);
    }
}
