/**
 * Evaluating one checkpoint: read its manifest and the run's settings, decide whether the work is
 * due (final checkpoint, not yet evaluated), fetch and verify the files, validate with the engine,
 * upload the results and publish the outcome. Storage is the source of truth: whether a checkpoint
 * was evaluated is read from the fold's {@code validation/} prefix, never remembered in memory.
 */
package dev.segfold.evaluator.service;
