package dev.segfold.config.projection;

import dev.segfold.contracts.events.ClassDice;
import dev.segfold.contracts.events.FailurePhase;
import java.time.Instant;
import java.util.List;

/**
 * One fold of one stage of a run, as {@code GET /runs/{id}} shows it. Nulls are "not reported yet".
 *
 * @param stage             the cascade stage, 0 first
 * @param configuration     the stage's configuration
 * @param fold              the fold
 * @param imported          whether the fold is trained elsewhere and uploaded
 * @param state             where it stands
 * @param iteration         iterations done
 * @param totalIterations   iterations planned
 * @param trainLoss         mean training loss of the last log interval
 * @param validationLoss    last validation loss
 * @param pseudoDice        last pseudo Dice on validation patches
 * @param learningRate      current learning rate
 * @param etaSeconds        estimated seconds to the last iteration, as reported
 * @param eta               when the last iteration is expected (report time plus {@code etaSeconds})
 * @param secondsPerIteration throughput over the last log interval, as reported
 * @param samplesPerSecond  training patches per second over the last log interval, as reported
 * @param meanDice          mean validation Dice over the foreground classes of the last evaluation
 * @param dice              Dice per class of the last evaluation
 * @param evaluatedIteration the iteration of the checkpoint last evaluated
 * @param checkpointKey     key of the newest {@code checkpoint.json}
 * @param finalCheckpoint   whether that checkpoint is the final one
 * @param summaryKey        key of {@code validation/summary.json}
 * @param postprocessingKey key of {@code validation/postprocessing.json}
 * @param nextStagePrefix   prefix of the next-stage predictions, for a cascade's first stage
 * @param failure           why the fold failed, if it did
 * @param updatedAt         time of the last event applied
 * @param cacheKey          the preprocessed-data cache entry the trainer used ({@code FoldPreprocessed}),
 *                          {@code <dataset digest>/<plans digest>/<configuration>/} in the cache bucket
 * @param cacheHit          whether that entry was a hit (found here or downloaded) rather than computed
 * @param attempt           the newest attempt requested of the fold (1 first; retries count on)
 * @param failedPhase       where the fold failed ({@code TRAINING}, {@code EVALUATION}, ...), if it did
 * @param retryableFailure  whether that failure may still be retried automatically; false once the
 *                          fold failed for good ({@code POST /runs/{id}/retry} restarts it then)
 * @param pseudoDiceEma     moving average of the pseudo Dice (what the best checkpoint is chosen by)
 * @param pseudoDicePerClass last pseudo Dice per foreground class (null entries: undefined)
 * @param validatedAt       the iteration of the last validation during training
 */
public record FoldView(int stage, String configuration, int fold, boolean imported, FoldState state, Integer iteration,
                       Integer totalIterations, Double trainLoss, Double validationLoss, Double pseudoDice,
                       Double learningRate, Double etaSeconds, Instant eta, Double secondsPerIteration,
                       Double samplesPerSecond, Double meanDice, List<ClassDice> dice,
                       Integer evaluatedIteration, String checkpointKey, Boolean finalCheckpoint, String summaryKey,
                       String postprocessingKey, String nextStagePrefix, String failure, Instant updatedAt,
                       String cacheKey, Boolean cacheHit, int attempt, FailurePhase failedPhase,
                       Boolean retryableFailure, Double pseudoDiceEma,
                       List<Double> pseudoDicePerClass, Integer validatedAt) {
}
