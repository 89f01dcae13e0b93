package dev.segfold.engine.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.preprocess.PreprocessedCaseStore;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a stage's preprocessing uses a shared cache: once, before the first training case, never for test cases. */
class StagePreprocessingTest {
    @TempDir
    static Path tmp;
    static MsdDataset dataset;
    static Plans plans;
    static String digest;

    @BeforeAll
    static void generate() throws IOException {
        Path data = tmp.resolve("data");
        SyntheticDatasetGenerator.builder().trainingCases(3).optTestCases(1).optShape(16, 18, 16).optSeed(3).build()
                .generate(data);
        dataset = MsdDataset.open(data);
        plans = ExperimentPlanning.plan(dataset, PlanOverrides.NONE.withBaseNumFeatures(4).withMaxNumPool(2));
        digest = DatasetDigest.of(dataset);
    }

    /** A cache that records its calls and, like a miss, has the stage compute everything. */
    static final class RecordingCache implements StageCache {
        final PreprocessedCaseStore store;
        final List<String> calls = new ArrayList<>();

        RecordingCache(Path root) {
            store = new PreprocessedCaseStore(root);
        }

        @Override
        public PreprocessedCaseStore localStore() {
            return store;
        }

        @Override
        public PreprocessingReport fill(StagePreprocessing stage) throws IOException {
            calls.add("fill " + stage.cacheKey().relativePath() + " after " + stage.computedCases() + " computed");
            int n = stage.computeAll();
            return new PreprocessingReport("test/" + stage.cacheKey().relativePath() + "/",
                    PreprocessingReport.Source.COMPUTED, n, 0, 0, "no entry");
        }
    }

    @Test
    void theCacheFillsOnceBeforeTheFirstTrainingCaseAndTestCasesNeverAsk() throws IOException {
        RecordingCache cache = new RecordingCache(tmp.resolve("shared"));
        StagePreprocessing stage = new StagePreprocessing(dataset, plans, Configuration.FULLRES_3D, digest,
                cache.localStore(), cache);
        stage.input(dataset.testCases().get(0));
        assertEquals(List.of(), cache.calls, "a test case does not need the training cases");
        assertTrue(stage.report().isEmpty());

        stage.trainingCases(dataset.trainingCaseIds());
        stage.trainingCase(dataset.trainingCaseIds().get(0));
        assertEquals(1, cache.calls.size(), cache.calls.toString());
        assertTrue(cache.calls.get(0).endsWith("after 0 computed"), cache.calls.get(0));
        assertEquals(3, stage.computedCases(), "computeAll did the work, reading afterwards did none");
        assertEquals(PreprocessingReport.Source.COMPUTED, stage.report().orElseThrow().source());
        assertEquals(digest + "/" + DatasetDigest.ofPlans(plans) + "/3d_fullres", stage.cacheKey().relativePath());

        StagePreprocessing again = new StagePreprocessing(dataset, plans, Configuration.FULLRES_3D, digest,
                cache.localStore(), null);
        again.trainingCases(dataset.trainingCaseIds());
        assertEquals(0, again.computedCases(), "a second user of the same store preprocesses nothing");
    }

    @Test
    void twoMachinesComputeByteIdenticalEntries() throws IOException {
        // Two trainers racing on a miss both compute and upload: the files must be the same bytes.
        List<Path> roots = List.of(tmp.resolve("machine-a"), tmp.resolve("machine-b"));
        List<StagePreprocessing> stages = new ArrayList<>();
        for (Path root : roots) {
            StagePreprocessing stage = new StagePreprocessing(dataset, plans, Configuration.FULLRES_3D, digest,
                    new PreprocessedCaseStore(root), null);
            assertEquals(3, stage.computeAll());
            assertEquals(0, stage.computeAll(), "cases already in the store are kept");
            stages.add(stage);
        }
        for (String caseId : dataset.trainingCaseIds()) {
            List<String> files = stages.get(0).store().caseFiles(stages.get(0).cacheKey(), caseId);
            assertEquals(List.of(caseId + ".bin", caseId + ".json"), files);
            for (String name : files) {
                assertArrayEquals(Files.readAllBytes(stages.get(0).store().folder(stages.get(0).cacheKey()).resolve(name)),
                        Files.readAllBytes(stages.get(1).store().folder(stages.get(1).cacheKey()).resolve(name)),
                        name);
            }
        }
    }
}
