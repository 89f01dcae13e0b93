package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.preprocess.PreprocessedCaseStore;
import java.io.IOException;

/**
 * A cache of preprocessed training cases shared beyond one experiment folder, for example by every
 * machine that can reach an object store. The engine knows nothing of where it lives: it asks the
 * cache to make a stage's cases readable from {@link #localStore()} before it reads the first one,
 * and the cache either finds them (here or elsewhere) or has the stage compute them
 * ({@link StagePreprocessing#computeAll()}) and keeps the result for the next user.
 *
 * <p>Without one ({@link ExperimentContext} with no cache), an experiment preprocesses case by case
 * into its own {@code cache/} folder, as the command line does.
 */
public interface StageCache {

    /** Where the cases of every key are read from on this machine (and written to when computed here). */
    PreprocessedCaseStore localStore();

    /**
     * The digest of the data set's bytes ({@link DatasetDigest#of}); an implementation that knows
     * the data set did not change since it last hashed it may answer from memory.
     */
    default String datasetDigest(MsdDataset dataset) throws IOException {
        return DatasetDigest.of(dataset);
    }

    /**
     * Makes every training case of {@code stage} ({@link StagePreprocessing#cacheKey()},
     * {@link StagePreprocessing#caseIds()}) readable from {@link #localStore()}. Called once per
     * {@link StagePreprocessing}, before its first training case is read.
     *
     * @return what was found or done, for logs and status events
     * @throws IOException when the cases can neither be found nor computed
     */
    PreprocessingReport fill(StagePreprocessing stage) throws IOException;
}
