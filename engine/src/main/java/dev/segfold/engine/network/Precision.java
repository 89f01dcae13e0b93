package dev.segfold.engine.network;

/**
 * Arithmetic of the network's convolutions. Parameters are always float32 ("master weights");
 * with {@link #BF16} the convolutions (AMX on recent Xeons) run on bfloat16 copies, instance-norm
 * statistics and the loss stay float32: the CPU counterpart of nnU-Net's fp16 autocast.
 */
public enum Precision {
    FP32,
    BF16
}
