package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.dataset.LoadedCase;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.evaluation.SummaryHeader;
import dev.segfold.engine.evaluation.SummaryJson;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.nifti.NiftiReader;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.postprocess.PostprocessingCase;
import dev.segfold.engine.postprocess.PostprocessingDecision;
import dev.segfold.engine.postprocess.PostprocessingJson;
import dev.segfold.engine.postprocess.PostprocessingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pools the validation predictions of every fold (nnU-Net's cv_niftis_raw) and chooses the
 * postprocessing used at test time on them, so the choice rests on every case, not on one fold.
 */
public final class CrossValidationConsolidation {
    private CrossValidationConsolidation() {}

    /**
     * @param validationFolders fold to its validation folder holding {@code <case>.nii.gz}
     * @param foldCases fold to its validation case ids
     * @param postprocessing whether to choose postprocessing; without, the plan is empty
     */
    public static PostprocessingResult run(MsdDataset dataset, Plans plans, Map<Integer, Path> validationFolders,
            Map<Integer, List<String>> foldCases, Path outFolder, boolean postprocessing) throws IOException {
        List<PostprocessingCase> pooled = new ArrayList<>();
        for (Map.Entry<Integer, Path> e : validationFolders.entrySet()) {
            for (String caseId : foldCases.get(e.getKey())) {
                Path prediction = e.getValue().resolve(caseId + ".nii.gz");
                if (!Files.isRegularFile(prediction)) {
                    throw new IllegalStateException("fold " + e.getKey() + " has no validation prediction " + prediction);
                }
                CaseFiles files = dataset.find(caseId).orElseThrow(
                        () -> new IllegalArgumentException("case '" + caseId + "' is not in " + dataset.root()));
                LoadedCase reference = dataset.load(files);
                Volume predicted = NiftiReader.read(prediction).volume();
                pooled.add(new PostprocessingCase(caseId, predicted, reference.raw().seg(),
                        FoldValidation.voxelVolume(reference.raw().spacing())));
            }
        }
        Files.createDirectories(outFolder);
        PostprocessingDecision decision = new PostprocessingDecision(plans.allClasses());
        PostprocessingResult result = (postprocessing ? decision : decision.disabled()).determine(pooled);
        PostprocessingJson.write(outFolder.resolve(FoldValidation.POSTPROCESSING), result);
        SummaryJson.write(outFolder.resolve(FoldValidation.SUMMARY), result.rawSummary(),
                SummaryHeader.now(dataset.descriptor().name(), "segfold"));
        return result;
    }
}
