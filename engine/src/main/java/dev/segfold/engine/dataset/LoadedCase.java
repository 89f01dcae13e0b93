package dev.segfold.engine.dataset;

import dev.segfold.engine.nifti.NiftiHeader;
import java.util.List;

/**
 * A case read from disk: its arrays, the header of its (first) image file so that a prediction
 * can be written with the same geometry ({@link dev.segfold.engine.nifti.NiftiImage#labelsLike}),
 * and what was repaired while loading.
 *
 * @param raw channels, labels and spacing
 * @param imageHeader the image's header (for a 4D MSD image, dims include the channels)
 * @param warnings repairs made, e.g. NaN intensities set to 0, each naming the file
 */
public record LoadedCase(RawCase raw, NiftiHeader imageHeader, List<String> warnings) {
    public LoadedCase {
        warnings = List.copyOf(warnings);
    }
}
