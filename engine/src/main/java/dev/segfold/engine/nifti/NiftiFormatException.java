package dev.segfold.engine.nifti;

import java.io.IOException;

/** A file that is not a readable NIfTI-1 image; the message names the file and the reason. */
public class NiftiFormatException extends IOException {
    private final String file;

    public NiftiFormatException(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public NiftiFormatException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /** The file (or stream name) that failed. */
    public String file() {
        return file;
    }
}
