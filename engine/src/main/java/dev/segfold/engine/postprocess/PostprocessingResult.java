package dev.segfold.engine.postprocess;

import dev.segfold.engine.evaluation.EvaluationSummary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of choosing postprocessing on validation cases: the content of postprocessing.json
 * plus the summaries of the raw and the final (postprocessed) predictions.
 *
 * @param dcPerClassRaw mean Dice per foreground class of the raw predictions
 * @param dcPerClassPpAll mean Dice per class after keep-largest on all foreground as one region
 * @param dcPerClassPpPerClass mean Dice per class after keep-largest per class (empty for one class)
 * @param plan the chosen {@code for_which_classes}
 * @param numSamples number of cases
 * @param validationRaw name of the raw folder, recorded as {@code validation_raw}
 * @param validationFinal name of the final folder, recorded as {@code validation_final}
 * @param rawSummary evaluation of the raw predictions (labels 0..K)
 * @param finalSummary evaluation of the final predictions (foreground labels, as nnU-Net)
 */
public record PostprocessingResult(
        Map<String, Double> dcPerClassRaw,
        Map<String, Double> dcPerClassPpAll,
        Map<String, Double> dcPerClassPpPerClass,
        PostprocessingPlan plan,
        int numSamples,
        String validationRaw,
        String validationFinal,
        EvaluationSummary rawSummary,
        EvaluationSummary finalSummary) {
    public PostprocessingResult {
        dcPerClassRaw = Collections.unmodifiableMap(new LinkedHashMap<>(dcPerClassRaw));
        dcPerClassPpAll = Collections.unmodifiableMap(new LinkedHashMap<>(dcPerClassPpAll));
        dcPerClassPpPerClass = Collections.unmodifiableMap(new LinkedHashMap<>(dcPerClassPpPerClass));
    }
}
