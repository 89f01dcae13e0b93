package dev.segfold.engine.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The few tensor operations the U-Net needs, written on DJL's PyTorch engine in the forms that work
 * and are fast there (see NOTES-infra.md): DJL 0.36 has no instance norm and no transposed
 * convolution on this engine, so both are expressed through operations it does have.
 */
final class Ops3d {
    static final float NORM_EPS = 1e-5f;
    static final float LEAKY_SLOPE = 0.01f;

    private Ops3d() {}

    /** 3D convolution; {@code bias} may be null. */
    static NDArray conv(NDArray x, NDArray weight, NDArray bias, long[] stride, long[] padding) {
        return JniUtils.convolution(pt(x), pt(weight), bias == null ? null : pt(bias), new Shape(stride),
                new Shape(padding), new Shape(1, 1, 1), 1);
    }

    /**
     * InstanceNorm3d (affine, no running statistics): batch norm in training mode over (1, N*C,
     * D, H, W) normalises each (sample, channel) over its voxels, which is what
     * torch.instance_norm does inside. Gamma and beta are tiled N times; the running statistics
     * are throw-away arrays because the native call needs them.
     */
    static NDArray instanceNorm(NDArray x, NDArray gamma, NDArray beta) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        NDManager m = x.getManager();
        NDArray folded = x.reshape(1, n * c, s.get(2), s.get(3), s.get(4));
        NDArray g = n == 1 ? gamma : gamma.tile(n);
        NDArray b = n == 1 ? beta : beta.tile(n);
        NDArray runningMean = m.zeros(new Shape(n * c));
        NDArray runningVar = m.ones(new Shape(n * c));
        NDArray y = JniUtils.batchNorm(pt(folded), pt(runningMean), pt(runningVar), pt(g), pt(b), true, 0.1, NORM_EPS);
        runningMean.close();
        runningVar.close();
        folded.close();
        if (n != 1) {
            g.close();
            b.close();
        }
        NDArray out = y.reshape(s);
        y.close();
        return out;
    }

    static NDArray leakyRelu(NDArray x) {
        return JniUtils.leakyRelu(pt(x), LEAKY_SLOPE);
    }

    /**
     * ConvTranspose3d with kernel = stride and no bias. Weight in PyTorch's layout
     * (Cin, Cout, kz, ky, kx). Each input voxel fills a disjoint kz*ky*kx block, so the operation
     * is a 1x1x1 convolution to Cout*kz*ky*kx channels followed by moving those channels into
     * space.
     */
    static NDArray transposedConv(NDArray x, NDArray weight, Kernel3 k) {
        Shape ws = weight.getShape();
        long cin = ws.get(0);
        long cout = ws.get(1);
        NDArray w1 = weight.transpose(1, 2, 3, 4, 0); // (Cout, kz, ky, kx, Cin)
        NDArray w = w1.reshape(cout * k.volume(), cin, 1, 1, 1);
        w1.close();
        NDArray y = conv(x, w, null, new long[] {1, 1, 1}, new long[] {0, 0, 0});
        w.close();
        if (k.volume() == 1) {
            return y;
        }
        Shape s = x.getShape();
        long n = s.get(0);
        long d = s.get(2);
        long h = s.get(3);
        long wd = s.get(4);
        NDArray y8 = y.reshape(n, cout, k.z(), k.y(), k.x(), d, h, wd);
        y.close();
        NDArray p = y8.transpose(0, 1, 5, 2, 6, 3, 7, 4);
        y8.close();
        NDArray out = p.reshape(n, cout, d * k.z(), h * k.y(), wd * k.x());
        p.close();
        return out;
    }

    static PtNDArray pt(NDArray a) {
        return (PtNDArray) a;
    }
}
