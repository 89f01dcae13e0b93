package dev.segfold.engine.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * Where one case's files are (or should be): for the MSD layout one image file holding every
 * channel, for the nnU-Net layout one file per channel in channel order.
 *
 * @param caseId the case identifier
 * @param images image files; they may be missing on disk (the validator reports that)
 * @param label the label file, or null for a test case
 */
public record CaseFiles(String caseId, List<Path> images, Path label) {
    public CaseFiles {
        images = List.copyOf(images);
    }

    public boolean hasLabel() {
        return label != null;
    }
}
