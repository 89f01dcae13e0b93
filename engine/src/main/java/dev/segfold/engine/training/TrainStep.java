package dev.segfold.engine.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.segfold.engine.network.Precision;
import dev.segfold.engine.network.UNet3d;
import dev.segfold.engine.network.UNet3dParameters;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training iteration of nnU-Net: forward with deep supervision, DC_and_CE loss, backward,
 * gradient clipping and the Nesterov update. Everything a step allocates lives in one
 * {@link NDScope}; the forward arrays are released before backward so that only what autograd
 * saved stays alive through it.
 */
public final class TrainStep {
    private final UNet3d network;
    private final UNet3dParameters parameters;
    private final NesterovSgd optimizer;
    private final DeepSupervisionLoss loss;
    private final int outputs;
    private final Map<String, NDArray> trainable;
    private final Precision precision;

    /** Builds the loss and the optimizer state for {@code parameters} from the training config. */
    public TrainStep(UNet3dParameters parameters, TrainingConfig config) {
        this.network = parameters.network();
        this.parameters = parameters;
        this.precision = config.precision();
        double[] weights = DeepSupervision.weights(network.maxOutputs());
        this.outputs = DeepSupervision.weightedOutputs(weights);
        this.loss = new DeepSupervisionLoss(DiceCrossEntropyLoss.of(config.batchDice()), weights);
        this.trainable = new LinkedHashMap<>();
        for (String name : parameters.names()) {
            if (!isUnusedHead(name)) {
                trainable.put(name, parameters.get(name));
            }
        }
        parameters.requireGradients(List.copyOf(trainable.keySet()));
        this.optimizer = new NesterovSgd(trainable, parameters.manager(), config.momentum(), config.weightDecay(),
                config.gradientClipNorm());
    }

    /** Heads whose output has loss weight 0 (or is never computed) get no gradient, as in PyTorch. */
    private boolean isUnusedHead(String name) {
        for (int i = 0; i < outputs; i++) {
            if (name.equals(network.headName(i))) {
                return false;
            }
        }
        return name.startsWith("seg_outputs.");
    }

    public NesterovSgd optimizer() {
        return optimizer;
    }

    public UNet3dParameters parameters() {
        return parameters;
    }

    /** Names of the parameters the optimizer updates. */
    public List<String> trainableNames() {
        return List.copyOf(trainable.keySet());
    }

    /** Runs one iteration on {@code batch} with learning rate {@code lr}; returns the loss before the update. */
    public StepResult run(TrainingBatch batch, double lr) {
        int[] patch = batch.patchShape();
        validate(batch);
        NDManager m = parameters.manager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = m.create(batch.data(),
                    new Shape(batch.batchSize(), batch.channels(), patch[0], patch[1], patch[2]));
            NDList targets = oneHotTargets(m, batch);
            NDArray lossValue;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                try (NDScope forward = new NDScope()) {
                    forward.suppressNotUsedWarning();
                    NDList out = network.forward(parameters, x, outputs, precision);
                    lossValue = loss.compute(out, targets);
                    NDScope.unregister(lossValue);
                }
                NDScope.register(lossValue);
                collector.backward(lossValue);
            }
            float value = lossValue.getFloat();
            double norm = optimizer.step(trainable, lr);
            return new StepResult(value, norm);
        }
    }

    /** Loss before the update and the gradient norm before clipping. */
    public record StepResult(float loss, double gradientNorm) {}

    /**
     * nnU-Net v2's validation step: the same forward and loss as training, without gradients and
     * without an update, and the argmax of the full-resolution output for the pseudo-Dice.
     *
     * @param dice receives the batch's true/false positives and false negatives per class
     * @return the batch's loss
     */
    public float validate(TrainingBatch batch, dev.segfold.engine.training.validation.PseudoDice dice) {
        int[] patch = batch.patchShape();
        validate(batch);
        NDManager m = parameters.manager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = m.create(batch.data(),
                    new Shape(batch.batchSize(), batch.channels(), patch[0], patch[1], patch[2]));
            NDList targets = oneHotTargets(m, batch);
            NDList out = network.forward(parameters, x, outputs, precision);
            float value = loss.compute(out, targets).getFloat();
            long[] predicted = out.get(0).argMax(1).toLongArray();
            dice.add(predicted, batch.target());
            return value;
        }
    }

    private NDList oneHotTargets(NDManager m, TrainingBatch batch) {
        int classes = network.config().numClasses();
        List<int[]> shapes = DeepSupervision.targetShapes(batch.patchShape(), network.config().poolKernels(), outputs);
        NDList list = new NDList();
        for (int[] s : shapes) {
            float[] labels = DeepSupervision.downsampleNearest(batch.target(), batch.batchSize(), batch.patchShape(), s);
            int voxels = s[0] * s[1] * s[2];
            float[] oneHot = DeepSupervision.oneHot(labels, batch.batchSize(), voxels, classes);
            list.add(m.create(oneHot, new Shape(batch.batchSize(), classes, s[0], s[1], s[2])));
        }
        return list;
    }

    private void validate(TrainingBatch batch) {
        int[] patch = batch.patchShape();
        if (batch.channels() != network.config().inputChannels()) {
            throw new IllegalArgumentException("batch has " + batch.channels() + " channels, the network takes "
                    + network.config().inputChannels());
        }
        int[] deepest = network.config().shapeAt(network.config().numPools(), patch);
        int[] back = patch.clone();
        for (int d = 0; d < network.config().numPools(); d++) {
            var k = network.config().poolKernels().get(d);
            back[0] = back[0] % k.z() == 0 ? back[0] / k.z() : -1;
            back[1] = back[1] % k.y() == 0 ? back[1] / k.y() : -1;
            back[2] = back[2] % k.x() == 0 ? back[2] / k.x() : -1;
        }
        if (!Arrays.equals(back, deepest)) {
            throw new IllegalArgumentException("patch " + Arrays.toString(patch)
                    + " is not divisible by the product of the pool kernels " + network.config().poolKernels());
        }
        long voxels = (long) patch[0] * patch[1] * patch[2];
        if (batch.data().length != batch.batchSize() * batch.channels() * voxels
                || batch.target().length != batch.batchSize() * voxels) {
            throw new IllegalArgumentException("batch arrays do not match batch " + batch.batchSize() + " x channels "
                    + batch.channels() + " x patch " + Arrays.toString(patch));
        }
    }
}
