package dev.segfold.engine.ensemble;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.inference.Argmax;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The mean softmax of several models (the folds, or several configurations) for one case, as
 * nnU-Net's {@code merge_files}: members are added one at a time, so only the running sum and the
 * member being added are in memory. All members must have the same classes and shape.
 */
public final class SoftmaxEnsemble {
    private float[][] sum;
    private int[] shape;
    private String firstMember;
    private int members;

    /** Adds one member's softmax (one volume per class); {@code member} names it in errors. */
    public SoftmaxEnsemble add(String member, Volume[] softmax) {
        int[] s = SoftmaxNpz.checkClasses(softmax, member);
        if (sum == null) {
            sum = new float[softmax.length][];
            for (int c = 0; c < softmax.length; c++) {
                sum[c] = softmax[c].data().clone();
            }
            shape = s;
            firstMember = member;
        } else {
            if (softmax.length != sum.length || !Arrays.equals(s, shape)) {
                throw new IllegalArgumentException("ensemble member " + member + " has " + softmax.length
                        + " classes of shape " + Arrays.toString(s) + ", but " + firstMember + " has " + sum.length
                        + " classes of shape " + Arrays.toString(shape));
            }
            for (int c = 0; c < sum.length; c++) {
                float[] acc = sum[c];
                float[] p = softmax[c].data();
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += p[i];
                }
            }
        }
        members++;
        return this;
    }

    /** Reads a member's {@link SoftmaxNpz} file and adds it. */
    public SoftmaxEnsemble add(Path softmaxFile) {
        return add(softmaxFile.toString(), SoftmaxNpz.read(softmaxFile));
    }

    /** Number of members added. */
    public int size() {
        return members;
    }

    /** The mean softmax, one volume per class. */
    public Volume[] mean() {
        if (members == 0) {
            throw new IllegalStateException("ensemble has no members yet");
        }
        Volume[] out = new Volume[sum.length];
        for (int c = 0; c < sum.length; c++) {
            float[] m = new float[sum[c].length];
            for (int i = 0; i < m.length; i++) {
                m[i] = sum[c][i] / members;
            }
            out[c] = new Volume(shape, m);
        }
        return out;
    }

    /** The label map of the mean softmax (argmax, lowest class on ties). */
    public Volume segmentation() {
        return Argmax.of(mean());
    }
}
