package dev.segfold.engine.postprocess;

import dev.segfold.engine.evaluation.CaseEvaluation;
import dev.segfold.engine.evaluation.EvaluationSummary;
import dev.segfold.engine.evaluation.Evaluator;
import dev.segfold.engine.image.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses keep-largest-component postprocessing on validation cases as nnU-Net v1's
 * {@code determine_postprocessing} does (non-advanced mode):
 * <ol>
 *   <li>All foreground classes as one region: accepted if some class's mean Dice improved by more
 *       than the threshold and none got worse; then the class list is appended as a joint group.
 *   <li>With two or more classes: keep-largest per class, starting from the step-1 output if it
 *       was accepted, otherwise from the raw prediction; every class whose mean Dice (compared with
 *       that starting point) improved by more than the threshold is appended.
 *   <li>The chosen groups are applied in order to the raw predictions and evaluated.
 * </ol>
 * "Improved" is strictly greater; a NaN mean Dice never improves and never gets worse.
 */
public final class PostprocessingDecision {
    private final List<Integer> classes;
    private final double diceThreshold;
    private String validationRaw = "validation_raw";
    private String validationFinal = "validation_final";
    private boolean enabled = true;

    /**
     * @param foregroundClasses the data set's foreground classes (1..K)
     * @param diceThreshold required improvement; nnU-Net uses 0
     */
    public PostprocessingDecision(List<Integer> foregroundClasses, double diceThreshold) {
        if (foregroundClasses == null || foregroundClasses.isEmpty()) {
            throw new IllegalArgumentException("foregroundClasses must name at least one class");
        }
        for (int c : foregroundClasses) {
            if (c <= 0) {
                throw new IllegalArgumentException("foregroundClasses must not contain background, got " + c);
            }
        }
        this.classes = List.copyOf(foregroundClasses);
        this.diceThreshold = diceThreshold;
    }

    /** nnU-Net's setting: threshold 0. */
    public PostprocessingDecision(List<Integer> foregroundClasses) {
        this(foregroundClasses, 0);
    }

    /** Folder names recorded in postprocessing.json; defaults "validation_raw" and "validation_final". */
    public PostprocessingDecision withFolderNames(String raw, String fin) {
        this.validationRaw = raw;
        this.validationFinal = fin;
        return this;
    }

    /**
     * Turns the choice off (a run's {@code postprocessing: false}): {@link #determine} then keeps
     * the raw predictions as final, and postprocessing.json lists no classes, so nothing downstream
     * removes a component.
     */
    public PostprocessingDecision disabled() {
        this.enabled = false;
        return this;
    }

    /** Receives each case's final (postprocessed) prediction, e.g. to write it out. */
    @FunctionalInterface
    public interface FinalPredictionSink {
        void accept(PostprocessingCase c, Volume finalPrediction);
    }

    /** Decides on {@code cases} without keeping the final predictions. */
    public PostprocessingResult determine(List<PostprocessingCase> cases) {
        return determine(cases, (c, v) -> {});
    }

    /** Decides on {@code cases}; {@code sink} gets every final prediction. */
    public PostprocessingResult determine(List<PostprocessingCase> cases, FinalPredictionSink sink) {
        if (cases == null || cases.isEmpty()) {
            throw new IllegalArgumentException("postprocessing needs at least one validation case");
        }
        List<Integer> rawLabels = new ArrayList<>();
        rawLabels.add(0);
        rawLabels.addAll(classes);
        EvaluationSummary raw = evaluate(cases, new Evaluator(rawLabels), PostprocessingPlan.NONE);
        Evaluator fg = new Evaluator(classes);
        if (!enabled) {
            Map<String, Double> dcRaw = new LinkedHashMap<>();
            classes.forEach(c -> dcRaw.put(key(c), raw.meanDice(c)));
            return finish(cases, fg, sink, dcRaw, Map.of(), Map.of(), PostprocessingPlan.NONE, raw);
        }

        LabelGroup allForeground = LabelGroup.joint(classes);
        PostprocessingPlan step1 = new PostprocessingPlan(List.of(allForeground));
        EvaluationSummary ppAll = evaluate(cases, fg, step1);

        Map<String, Double> dcRaw = new LinkedHashMap<>();
        Map<String, Double> dcPpAll = new LinkedHashMap<>();
        for (int c : classes) {
            dcRaw.put(key(c), raw.meanDice(c));
            dcPpAll.put(key(c), ppAll.meanDice(c));
        }
        List<LabelGroup> chosen = new ArrayList<>();
        boolean anyBetter = false;
        boolean anyWorse = false;
        for (int c : classes) {
            anyBetter |= dcPpAll.get(key(c)) > dcRaw.get(key(c)) + diceThreshold;
            anyWorse |= dcPpAll.get(key(c)) < dcRaw.get(key(c));
        }
        boolean jointAccepted = anyBetter && !anyWorse;
        if (jointAccepted) {
            chosen.add(allForeground);
        }

        Map<String, Double> dcPpPerClass = new LinkedHashMap<>();
        if (classes.size() > 1) {
            List<LabelGroup> steps = new ArrayList<>();
            if (jointAccepted) {
                steps.add(allForeground);
            }
            for (int c : classes) {
                steps.add(LabelGroup.of(c));
            }
            EvaluationSummary perClass = evaluate(cases, fg, new PostprocessingPlan(steps));
            EvaluationSummary before = jointAccepted ? ppAll : raw;
            for (int c : classes) {
                double after = perClass.meanDice(c);
                dcPpPerClass.put(key(c), after);
                if (after > before.meanDice(c) + diceThreshold) {
                    chosen.add(LabelGroup.of(c));
                }
            }
        }

        return finish(cases, fg, sink, dcRaw, dcPpAll, dcPpPerClass, new PostprocessingPlan(chosen), raw);
    }

    private PostprocessingResult finish(List<PostprocessingCase> cases, Evaluator fg, FinalPredictionSink sink,
            Map<String, Double> dcRaw, Map<String, Double> dcPpAll, Map<String, Double> dcPpPerClass,
            PostprocessingPlan plan, EvaluationSummary raw) {
        List<CaseEvaluation> finals = new ArrayList<>();
        for (PostprocessingCase c : cases) {
            Volume out = plan.apply(c.prediction(), c.voxelVolume());
            finals.add(fg.evaluate(out, c.reference(), c.name(), c.name()));
            sink.accept(c, out);
        }
        return new PostprocessingResult(dcRaw, dcPpAll, dcPpPerClass, plan, cases.size(), validationRaw,
                validationFinal, raw, EvaluationSummary.of(finals));
    }

    private static EvaluationSummary evaluate(List<PostprocessingCase> cases, Evaluator evaluator,
            PostprocessingPlan plan) {
        List<CaseEvaluation> results = new ArrayList<>();
        for (PostprocessingCase c : cases) {
            Volume test = plan.isEmpty() ? c.prediction() : plan.apply(c.prediction(), c.voxelVolume());
            results.add(evaluator.evaluate(test, c.reference(), c.name(), c.name()));
        }
        return EvaluationSummary.of(results);
    }

    private static String key(int c) {
        return Integer.toString(c);
    }
}
