/**
 * Training one fold per request: the engine's {@code FoldTraining} on the run's plans and split,
 * checkpoints mirrored to the runs bucket (files first, manifest last, older ones pruned), progress
 * and checkpoint events, resume from the bucket and the run's cancel marker.
 */
package dev.segfold.trainer.service;
