package dev.segfold.engine.dataset;

import java.io.IOException;

/** A data set folder, its {@code dataset.json} or one of its cases cannot be used; the message names the file. */
public class DatasetFormatException extends IOException {
    public DatasetFormatException(String message) {
        super(message);
    }

    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
