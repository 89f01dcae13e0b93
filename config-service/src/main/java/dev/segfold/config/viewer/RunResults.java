package dev.segfold.config.viewer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /runs/{id}/results} answers: the cases the viewer can show and the evaluation
 * beside the run view's per-class Dice.
 *
 * @param runId                  the run
 * @param dataset                its data set
 * @param configuration          what the run produces (its last stage's configuration)
 * @param labels                 label value to name, from the data set's {@code dataset.json}
 * @param testCases              test cases with an ensemble segmentation, sorted
 * @param validationCases        validation cases with a stored prediction, by stage, fold and case
 * @param postprocessing         each evaluated fold's {@code postprocessing.json}, as stored
 * @param ensemblePostprocessing the cross-validated choice applied to the ensemble
 *                               ({@code ensemble/postprocessing.json}), null until it exists
 */
public record RunResults(String runId, String dataset, String configuration, Map<String, String> labels,
                         List<String> testCases, List<ValidationCase> validationCases,
                         List<FoldPostprocessing> postprocessing, JsonNode ensemblePostprocessing) {

    /**
     * One validation case: the fold that held it out predicted it.
     *
     * @param caseId        the case
     * @param stage         the stage, 0 first
     * @param configuration the stage's configuration
     * @param fold          the fold whose validation set it is in
     * @param dice          Dice per foreground label (label value to Dice) from the fold's summary.json;
     *                      empty where no summary lists the case; null for a label in neither the
     *                      reference nor the prediction (nnU-Net's NaN, left out of means as its
     *                      nanmean does)
     */
    public record ValidationCase(String caseId, int stage, String configuration, int fold, Map<String, Double> dice) {}

    /**
     * One fold's postprocessing choice.
     *
     * @param stage         the stage
     * @param configuration its configuration
     * @param fold          the fold
     * @param choice        {@code postprocessing.json} as the evaluator wrote it (nnU-Net's keys:
     *                      {@code for_which_classes}, {@code dc_per_class_raw}, {@code dc_per_class_pp_all}, ...)
     */
    public record FoldPostprocessing(int stage, String configuration, int fold, JsonNode choice) {}
}
