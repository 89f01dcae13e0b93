/**
 * What this machine computes fast: the CPU's instruction-set flags and visible GPUs, read from
 * the operating system without loading the native PyTorch library, so a service that never
 * trains can still decide a run's {@code auto} precision.
 */
package dev.segfold.engine.hardware;
