package dev.segfold.contracts.topics;

import dev.segfold.contracts.events.FoldId;
import java.util.List;

/**
 * Chooses the partition of {@link Topics#FOLD_REQUESTS} for each fold request of a run, so that a
 * trainer group whose consumers own partitions round-robin ({@code RoundRobinAssignor}: partition
 * {@code p} goes to the {@code p mod N}-th consumer) trains a run's folds side by side.
 *
 * <p>The run's trained folds, stage 0's first, get ordinals {@code 0..count-1}; ordinal {@code i}
 * goes to partition {@code start + i}. Consecutive partitions belong to different consumers, so
 * {@code N} trainers receive {@code floor(count/N)} or {@code ceil(count/N)} folds each. The start
 * depends on the run id only, so concurrent runs do not all begin on the same consumer, and is
 * chosen so that the run's partitions do not wrap past the last one: a wrap from partition
 * {@code P-1} to {@code 0} would put two neighbours on one consumer whenever {@code N} does not
 * divide {@code P}. Key hashing, the producer's default, gives no such guarantee.
 *
 * <p>A pure function of its arguments: the config-service (stage 0) and the predictor-service
 * (a cascade's stage 1) compute the same partitions for the same run.
 *
 * @param partitions the partition count of the fold-requests topic
 */
public record FoldRequestPartitioner(int partitions) {

    /** The partitioner for the topic as {@link Topics#all()} creates it. */
    public static final FoldRequestPartitioner DEFAULT = new FoldRequestPartitioner(Topics.FOLD_REQUEST_PARTITIONS);

    /** Validates the count. */
    public FoldRequestPartitioner {
        if (partitions < 1) {
            throw new IllegalArgumentException("FoldRequestPartitioner.partitions " + partitions + " is not positive");
        }
    }

    /**
     * The partition of one fold's request.
     *
     * @param fold                 the fold; its stage indexes {@code trainedFoldsByStage}
     * @param trainedFoldsByStage  the folds the run trains in each stage (index = stage), in the
     *                             order the run lists them; imported folds are not requested and
     *                             do not belong here
     * @throws IllegalArgumentException if the fold's stage or fold is not among them
     */
    public int partition(FoldId fold, List<List<Integer>> trainedFoldsByStage) {
        if (trainedFoldsByStage == null || fold == null) {
            throw new IllegalArgumentException("FoldRequestPartitioner: fold and trainedFoldsByStage are required");
        }
        if (fold.stage() >= trainedFoldsByStage.size()) {
            throw new IllegalArgumentException("FoldRequestPartitioner: stage " + fold.stage() + " of " + fold.key()
                    + " is not among the run's " + trainedFoldsByStage.size() + " stages");
        }
        int ordinal = 0;
        int count = 0;
        for (int stage = 0; stage < trainedFoldsByStage.size(); stage++) {
            List<Integer> folds = trainedFoldsByStage.get(stage);
            if (stage == fold.stage()) {
                int index = folds.indexOf(fold.fold());
                if (index < 0) {
                    throw new IllegalArgumentException("FoldRequestPartitioner: fold " + fold.fold() + " of "
                            + fold.key() + " is not among stage " + stage + "'s trained folds " + folds);
                }
                ordinal = count + index;
            }
            count += folds.size();
        }
        return partition(fold.runId(), ordinal, count);
    }

    /**
     * The partition of the run's {@code ordinal}-th fold request out of {@code count}.
     *
     * @throws IllegalArgumentException if {@code ordinal} is not in {@code 0..count-1}
     */
    public int partition(String runId, int ordinal, int count) {
        if (runId == null) {
            throw new IllegalArgumentException("FoldRequestPartitioner: runId is required");
        }
        if (count < 1 || ordinal < 0 || ordinal >= count) {
            throw new IllegalArgumentException("FoldRequestPartitioner: ordinal " + ordinal + " of run " + runId
                    + " is outside 0.." + (count - 1));
        }
        if (count >= partitions) {
            // More requests than partitions: some consumer gets two anyway; plain modulo keeps the
            // first P consecutive.
            return ordinal % partitions;
        }
        // String.hashCode is specified by the JDK, so every service and version agrees on it.
        int start = Math.floorMod(runId.hashCode(), partitions - count + 1);
        return start + ordinal;
    }
}
