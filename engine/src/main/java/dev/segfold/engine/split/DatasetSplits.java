package dev.segfold.engine.split;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * Decides which split a run uses: the user's split file when one is supplied (checked against the
 * data set's case ids), otherwise nnU-Net's default 5-fold split.
 */
public final class DatasetSplits {
    private DatasetSplits() {
    }

    /**
     * @param caseIds the training case ids of the data set
     * @param userSplitFile a split file that overrides the default, if any
     * @throws IllegalArgumentException when the user's file names cases that are not in the data set
     */
    public static CrossValidationSplit forDataset(Collection<String> caseIds, Optional<Path> userSplitFile) {
        if (userSplitFile.isPresent()) {
            Path file = userSplitFile.get();
            CrossValidationSplit split = SplitFile.read(file);
            split.validateAgainst(caseIds, "split file " + file);
            return split;
        }
        return KFoldSplitter.split(caseIds, KFoldSplitter.DEFAULT_FOLDS);
    }

    /** The fold a run trains, from the split {@link #forDataset} chose. */
    public static FoldSplit foldFor(
            Collection<String> caseIds, Optional<Path> userSplitFile, FoldSelector selector) {
        return forDataset(caseIds, userSplitFile).select(selector);
    }
}
