package dev.segfold.engine.workflow;

import dev.segfold.engine.plan.Configuration;
import java.nio.file.Path;

/**
 * Where a local experiment keeps its files; the same shape as a run's prefix in object storage
 * (DESIGN §4), so a service can mirror a folder to a bucket without renaming anything.
 *
 * @param root the experiment folder
 */
public record ExperimentLayout(Path root) {
    public Path plansFile() {
        return root.resolve("plans.json");
    }

    public Path splitsFile() {
        return root.resolve("splits.json");
    }

    /** Preprocessed cases, shared by all folds (DESIGN: segfold-cache). */
    public Path cache() {
        return root.resolve("cache");
    }

    public Path fold(Configuration configuration, int fold) {
        return root.resolve(configuration.id()).resolve("fold" + fold);
    }

    /** Checkpoints live directly in the fold folder as {@code iter_<n>/}. */
    public Path checkpoints(Configuration configuration, int fold) {
        return fold(configuration, fold);
    }

    public Path validation(Configuration configuration, int fold) {
        return fold(configuration, fold).resolve("validation");
    }

    /** Pooled cross-validation results of a configuration (nnU-Net's cv_niftis_*). */
    public Path crossValidation(Configuration configuration) {
        return root.resolve(configuration.id()).resolve("crossval");
    }

    public Path nextStage(Configuration configuration) {
        return root.resolve(configuration.id()).resolve("next_stage");
    }

    public Path ensemble() {
        return root.resolve("ensemble");
    }
}
