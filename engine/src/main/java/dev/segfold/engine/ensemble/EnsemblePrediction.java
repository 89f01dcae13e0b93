package dev.segfold.engine.ensemble;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.postprocess.PostprocessingPlan;
import java.nio.file.Path;
import java.util.List;

/**
 * One case's ensemble prediction from its members' softmax files: mean softmax, argmax, then the
 * ensemble's postprocessing (re-determined for the ensemble, not inherited from the members).
 *
 * @param softmax the mean softmax, one volume per class
 * @param raw the argmax label map, before postprocessing
 * @param postprocessed {@code raw} after the plan
 */
public record EnsemblePrediction(Volume[] softmax, Volume raw, Volume postprocessed) {

    /**
     * Streams {@code memberFiles} (one {@link SoftmaxNpz} per model) into the mean and labels it.
     *
     * @param voxelVolume product of the case's spacing, for component sizes
     */
    public static EnsemblePrediction of(List<Path> memberFiles, PostprocessingPlan plan, double voxelVolume) {
        if (memberFiles == null || memberFiles.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member file");
        }
        SoftmaxEnsemble ensemble = new SoftmaxEnsemble();
        for (Path f : memberFiles) {
            ensemble.add(f);
        }
        return of(ensemble, plan, voxelVolume);
    }

    /** Labels an ensemble that was filled elsewhere. */
    public static EnsemblePrediction of(SoftmaxEnsemble ensemble, PostprocessingPlan plan, double voxelVolume) {
        Volume[] mean = ensemble.mean();
        Volume raw = dev.segfold.engine.inference.Argmax.of(mean);
        return new EnsemblePrediction(mean, raw, plan.apply(raw, voxelVolume));
    }
}
