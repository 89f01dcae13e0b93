package dev.segfold.trainer.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which {@code iter_<n>/} folders of a fold retention deletes: every complete checkpoint except the
 * final ones and the newest {@code keep}, and every incomplete folder older than the newest
 * complete checkpoint (left by an interrupted upload, it can never complete). An incomplete folder
 * newer than that may be an upload in progress and stays.
 */
public final class Retention {
    private Retention() {
    }

    /**
     * @param complete   iteration of each complete checkpoint to whether it is final
     * @param incomplete iterations of folders without a (readable) manifest
     * @param keep       newest non-final checkpoints to keep; 0 or less keeps everything
     * @return the iterations to delete, ascending
     */
    public static List<Integer> obsolete(Map<Integer, Boolean> complete, Set<Integer> incomplete, int keep) {
        List<Integer> out = new ArrayList<>();
        if (keep <= 0) {
            return out;
        }
        List<Integer> iterations = new ArrayList<>(new TreeSet<>(complete.keySet()));
        int newest = iterations.isEmpty() ? -1 : iterations.get(iterations.size() - 1);
        Set<Integer> kept = Set.copyOf(iterations.subList(Math.max(0, iterations.size() - keep), iterations.size()));
        TreeSet<Integer> candidates = new TreeSet<>(complete.keySet());
        candidates.addAll(incomplete);
        for (int iteration : candidates) {
            Boolean isFinal = complete.get(iteration);
            boolean delete = isFinal != null ? !isFinal && !kept.contains(iteration) : iteration < newest;
            if (delete) {
                out.add(iteration);
            }
        }
        return out;
    }
}
