package dev.segfold.trainer.service;

/**
 * This trainer no longer holds the fold's lease (it expired and another trainer took it, or it was
 * deleted): it must stop training and write no further manifest.
 */
public class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
        super(message);
    }
}
