package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.dataset.LoadedCase;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.IntensityProperties;
import dev.segfold.engine.plan.Plans;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Preprocesses the cases of one configuration's plans stage, training cases through the on-disk
 * cache (computed once, reused by every fold) and test cases on the fly. With a shared
 * {@link StageCache}, the first training case read lets the cache fill the local store first
 * (found on this machine, downloaded, or computed here and offered to others); test cases never
 * touch it, so predicting a test set costs no training-set work.
 */
public final class StagePreprocessing {
    private final MsdDataset dataset;
    private final PreprocessedCaseStore store;
    private final CacheKey key;
    private final CasePreprocessor preprocessor;
    private final PreprocessingParameters parameters;
    private final StageCache shared;
    private final AtomicInteger computed = new AtomicInteger();
    private volatile PreprocessingReport report;

    /**
     * @param datasetDigest {@link DatasetDigest#of} of {@code dataset}
     * @param store         the local store training cases are read from and written to
     * @param shared        the cache that fills {@code store} before the first read; null for none
     */
    public StagePreprocessing(MsdDataset dataset, Plans plans, Configuration configuration, String datasetDigest,
            PreprocessedCaseStore store, StageCache shared) {
        int stage = configuration.stageIndex(plans.numStages());
        this.dataset = dataset;
        this.store = store;
        this.shared = shared;
        this.key = new CacheKey(datasetDigest, DatasetDigest.ofPlans(plans), configuration.id());
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

    /** The local store training cases are read from. */
    public PreprocessedCaseStore store() {
        return store;
    }

    /** Every training case of the data set: what a cache entry holds. */
    public List<String> caseIds() {
        return dataset.trainingCaseIds();
    }

    /** How many training cases this object preprocessed itself (not read from the store). */
    public int computedCases() {
        return computed.get();
    }

    /** What the shared cache found or did; empty without one or before the first training case. */
    public Optional<PreprocessingReport> report() {
        return Optional.ofNullable(report);
    }

    /** A training case, from the cache or computed and cached. */
    public PreprocessedCase trainingCase(String caseId) throws IOException {
        fillOnce();
        return readOrCompute(caseId);
    }

    /**
     * Computes every training case missing from the local store into it, without holding them in
     * memory: what a {@link StageCache} calls on a miss.
     *
     * @return the number of cases computed (cases already in the store are kept)
     */
    public int computeAll() throws IOException {
        int before = computed.get();
        for (String caseId : caseIds()) {
            if (!store.contains(key, caseId)) {
                readOrCompute(caseId);
            }
        }
        return computed.get() - before;
    }

    private PreprocessedCase readOrCompute(String caseId) throws IOException {
        CaseFiles files = dataset.find(caseId)
                .orElseThrow(() -> new IllegalArgumentException("case '" + caseId + "' is not in " + dataset.root()));
        return store.getOrCompute(key, caseId, () -> {
            try {
                computed.incrementAndGet();
                return preprocessor.preprocess(dataset.load(files).raw());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Lets the shared cache fill the store once, before the first training case is read. */
    private void fillOnce() throws IOException {
        if (shared == null || report != null) {
            return;
        }
        synchronized (this) {
            if (report == null) {
                report = shared.fill(this);
            }
        }
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
