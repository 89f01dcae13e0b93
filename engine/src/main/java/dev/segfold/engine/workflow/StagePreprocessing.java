package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.dataset.LoadedCase;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.IntensityProperties;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.plan.PlansJson;
import dev.segfold.engine.preprocess.CacheKey;
import dev.segfold.engine.preprocess.CasePreprocessor;
import dev.segfold.engine.preprocess.ChannelNormalization;
import dev.segfold.engine.preprocess.CtIntensityStats;
import dev.segfold.engine.preprocess.NormalizationParameters;
import dev.segfold.engine.preprocess.PreprocessedCase;
import dev.segfold.engine.preprocess.PreprocessedCaseStore;
import dev.segfold.engine.preprocess.PreprocessingParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Preprocesses the cases of one plans stage, training cases through the shared on-disk cache
 * (computed once, reused by every fold) and test cases on the fly.
 */
public final class StagePreprocessing {
    private final MsdDataset dataset;
    private final PreprocessedCaseStore store;
    private final CacheKey key;
    private final CasePreprocessor preprocessor;
    private final PreprocessingParameters parameters;

    public StagePreprocessing(MsdDataset dataset, Plans plans, int stage, PreprocessedCaseStore store)
            throws IOException {
        this.dataset = dataset;
        this.store = store;
        this.key = new CacheKey(DatasetDigest.of(dataset), DatasetDigest.ofText(PlansJson.toJson(plans)), stage);
        this.parameters = parameters(plans, stage);
        this.preprocessor = new CasePreprocessor(parameters);
    }

    /** What preprocessing of {@code stage} needs from the plans. */
    public static PreprocessingParameters parameters(Plans plans, int stage) {
        List<ChannelNormalization> channels = new ArrayList<>();
        for (int c = 0; c < plans.numModalities(); c++) {
            boolean mask = Boolean.TRUE.equals(plans.useMaskForNorm().get(c));
            channels.add(switch (plans.normalizationSchemes().get(c)) {
                case CT -> {
                    IntensityProperties p = plans.datasetProperties().intensityProperties().get(c);
                    yield ChannelNormalization.ct(
                            new CtIntensityStats(p.mean(), p.sd(), p.percentile00_5(), p.percentile99_5()));
                }
                default -> ChannelNormalization.nonCt(mask);
            });
        }
        int[] foreground = plans.allClasses().stream().mapToInt(Integer::intValue).toArray();
        return new PreprocessingParameters(plans.transposeForward(), plans.stage(stage).currentSpacing(),
                new NormalizationParameters(channels), foreground);
    }

    public PreprocessingParameters parameters() {
        return parameters;
    }

    public CacheKey cacheKey() {
        return key;
    }

    /** A training case, from the cache or computed and cached. */
    public PreprocessedCase trainingCase(String caseId) throws IOException {
        CaseFiles files = dataset.find(caseId)
                .orElseThrow(() -> new IllegalArgumentException("case '" + caseId + "' is not in " + dataset.root()));
        return store.getOrCompute(key, caseId, () -> {
            try {
                return preprocessor.preprocess(dataset.load(files).raw());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public List<PreprocessedCase> trainingCases(List<String> caseIds) throws IOException {
        List<PreprocessedCase> out = new ArrayList<>();
        for (String id : caseIds) {
            out.add(trainingCase(id));
        }
        return out;
    }

    /** Any case (test cases have no label) preprocessed without the cache, with its header for export. */
    public PreprocessedInput input(CaseFiles files) throws IOException {
        LoadedCase loaded = dataset.load(files);
        return new PreprocessedInput(preprocessor.preprocess(loaded.raw()), loaded);
    }
}
