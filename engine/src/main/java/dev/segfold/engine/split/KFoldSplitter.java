package dev.segfold.engine.split;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/**
 * Makes nnU-Net's default K-fold split: sklearn {@code KFold(K, shuffle=True, random_state=12345)}
 * over the case ids sorted as strings. Re-implemented rather than shipped as data so that any data
 * set, not only the published ones, gets the same folds nnU-Net would give it.
 */
public final class KFoldSplitter {
    /** nnU-Net's seed for the default split. */
    public static final long NNUNET_SEED = 12345;
    /** nnU-Net's default fold count. */
    public static final int DEFAULT_FOLDS = 5;

    private KFoldSplitter() {
    }

    /** The split nnU-Net makes for these case ids. */
    public static CrossValidationSplit split(Collection<String> caseIds, int folds) {
        return split(caseIds, folds, NNUNET_SEED);
    }

    /**
     * Sorts the ids (String order, so {@code spleen_10} precedes {@code spleen_2}), shuffles the
     * index array with numpy's legacy RandomState(seed), and cuts it into {@code folds} consecutive
     * chunks of size n/folds, the first n%folds chunks one larger; chunk k validates fold k. Within
     * a fold both lists stay in sorted order, as sklearn returns them.
     */
    public static CrossValidationSplit split(Collection<String> caseIds, int folds, long seed) {
        List<String> sorted = new ArrayList<>(caseIds);
        sorted.sort(null);
        if (new HashSet<>(sorted).size() != sorted.size()) {
            throw new IllegalArgumentException("case ids must be unique");
        }
        int n = sorted.size();
        if (folds < 2 || folds > n) {
            throw new IllegalArgumentException(
                    "cannot make " + folds + " folds from " + n + " cases (need 2 <= folds <= cases)");
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        new Mt19937(seed).shuffle(idx);

        int[] foldOf = new int[n];
        int start = 0;
        for (int k = 0; k < folds; k++) {
            int size = n / folds + (k < n % folds ? 1 : 0);
            for (int i = start; i < start + size; i++) {
                foldOf[idx[i]] = k;
            }
            start += size;
        }
        List<FoldSplit> result = new ArrayList<>(folds);
        for (int k = 0; k < folds; k++) {
            List<String> train = new ArrayList<>();
            List<String> val = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (foldOf[i] == k ? val : train).add(sorted.get(i));
            }
            result.add(new FoldSplit(k, train, val));
        }
        return new CrossValidationSplit(result);
    }
}
