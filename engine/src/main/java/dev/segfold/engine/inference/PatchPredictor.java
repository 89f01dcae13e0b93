package dev.segfold.engine.inference;

/**
 * A trained network seen from sliding-window inference: patches in, class probabilities out.
 * The DJL U-Net implements it; tests can implement it with a closed-form rule.
 */
public interface PatchPredictor {
    /** Number of output classes including background. */
    int numClasses();

    /**
     * Softmax probabilities of a batch of patches.
     *
     * @param input row-major [batch, channels, z, y, x]
     * @param batch number of patches
     * @param channels input channels
     * @param patchShape (z, y, x)
     * @return row-major [batch, numClasses, z, y, x]
     */
    float[] softmax(float[] input, int batch, int channels, int[] patchShape);
}
