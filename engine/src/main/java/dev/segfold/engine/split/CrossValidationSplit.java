package dev.segfold.engine.split;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The K folds of a cross-validation over one data set, as nnU-Net's {@code splits_final} holds
 * them. Fold k is {@code folds().get(k)}.
 *
 * @param folds the folds in order, each {@link FoldSplit#fold()} equal to its position
 */
public record CrossValidationSplit(List<FoldSplit> folds) {
    public CrossValidationSplit {
        folds = List.copyOf(folds);
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("a split needs at least one fold");
        }
        for (int k = 0; k < folds.size(); k++) {
            if (folds.get(k).fold() != k) {
                throw new IllegalArgumentException(
                        "fold at position " + k + " says it is fold " + folds.get(k).fold());
            }
        }
    }

    public int numFolds() {
        return folds.size();
    }

    /** Fold {@code k}; fails naming the valid range when there is no such fold. */
    public FoldSplit fold(int k) {
        if (k < 0 || k >= folds.size()) {
            throw new IllegalArgumentException(
                    "fold " + k + " is out of range: this split has folds 0.." + (folds.size() - 1));
        }
        return folds.get(k);
    }

    /** The fold a selector names; fold "all" trains and validates on {@link #allCases()}. */
    public FoldSplit select(FoldSelector selector) {
        if (selector instanceof FoldSelector.Index i) {
            return fold(i.fold());
        }
        List<String> all = allCases();
        return new FoldSplit(FoldSplit.ALL, all, all);
    }

    /** Every case that appears in any fold, sorted as strings. */
    public List<String> allCases() {
        Set<String> all = new TreeSet<>();
        for (FoldSplit f : folds) {
            all.addAll(f.train());
            all.addAll(f.val());
        }
        return new ArrayList<>(all);
    }

    /**
     * Checks that every case id of every fold belongs to the data set and that no fold trains on
     * one of its own validation cases.
     *
     * @param source names where the split came from, for the error message
     * @throws IllegalArgumentException naming the source, the fold and the offending ids
     */
    public void validateAgainst(Collection<String> datasetCaseIds, String source) {
        Set<String> known = new HashSet<>(datasetCaseIds);
        for (FoldSplit f : folds) {
            Set<String> unknown = new TreeSet<>();
            for (String id : f.train()) {
                if (!known.contains(id)) {
                    unknown.add(id);
                }
            }
            for (String id : f.val()) {
                if (!known.contains(id)) {
                    unknown.add(id);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(source + ": fold " + f.fold()
                        + " names case ids that are not in the data set: " + unknown);
            }
            Set<String> overlap = new TreeSet<>(f.train());
            overlap.retainAll(new HashSet<>(f.val()));
            if (!overlap.isEmpty()) {
                throw new IllegalArgumentException(source + ": fold " + f.fold()
                        + " has case ids in both train and val: " + overlap);
            }
        }
    }
}
