package dev.segfold.engine.training.checkpoint;

/** One file of a checkpoint as its manifest lists it: name inside the checkpoint directory, byte size, SHA-256 (hex). */
public record CheckpointFile(String name, long size, String sha256) {}
