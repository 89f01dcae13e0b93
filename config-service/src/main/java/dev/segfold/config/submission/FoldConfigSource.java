package dev.segfold.config.submission;

import dev.segfold.contracts.spec.Configuration;
import dev.segfold.contracts.spec.RunSpec;

/** Writes the {@code nnunet_fold<k>.yml} of one fold of one stage, once the plans are known. */
@FunctionalInterface
public interface FoldConfigSource {

    /**
     * @param spec          the run as accepted (its precision decided)
     * @param configuration the stage's configuration
     * @param fold          the fold, trained or imported
     * @param planStage     the stage index in the plans (0 for {@code 3d_lowres}, 1 for
     *                      {@code 3d_cascade_fullres}, the last stage for {@code 3d_fullres})
     * @return the YAML text
     */
    String config(RunSpec spec, Configuration configuration, int fold, int planStage);
}
