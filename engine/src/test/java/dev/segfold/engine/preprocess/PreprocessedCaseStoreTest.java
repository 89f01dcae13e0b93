package dev.segfold.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.dataset.RawCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessedCaseStoreTest {
    private static final CacheKey KEY = new CacheKey("ds-3f2a", "plans-9c1e", "3d_fullres");

    @TempDir
    Path root;

    private static PreprocessedCase sample(String id, boolean labelled) {
        RawCase raw = SyntheticCases.bodyWithTwoLabels(id, new int[] {14, 16, 15}, new double[] {1, 1, 1}, 9);
        if (!labelled) {
            raw = new RawCase(id, raw.channels(), null, raw.spacing());
        }
        PreprocessingParameters params = new PreprocessingParameters(new int[] {2, 0, 1}, new double[] {1.2, 1, 1},
                NormalizationParameters.allNonCt(1, true), new int[] {1, 2});
        return new CasePreprocessor(params).preprocess(raw);
    }

    @Test
    void writeThenReadGivesTheSameCase() throws IOException {
        for (boolean compress : new boolean[] {false, true}) {
            PreprocessedCaseStore store = new PreprocessedCaseStore(root.resolve("c" + compress), compress);
            PreprocessedCase c = sample("hippocampus_001", true);
            store.write(KEY, c);
            PreprocessedCase back = store.read(KEY, "hippocampus_001").orElseThrow();
            assertSame(c, back);
            assertEquals(List.of("hippocampus_001"), store.caseIds(KEY));
            assertTrue(Files.isRegularFile(store.folder(KEY).resolve("hippocampus_001" + (compress ? ".bin.gz" : ".bin"))));
        }
    }

    @Test
    void caseWithoutLabelsRoundTrips() throws IOException {
        PreprocessedCaseStore store = new PreprocessedCaseStore(root);
        store.write(KEY, sample("test_001", false));
        PreprocessedCase back = store.read(KEY, "test_001").orElseThrow();
        assertNull(back.seg());
        assertTrue(back.properties().classLocations().isEmpty());
    }

    @Test
    void secondRequestForTheSameKeyDoesNotRecompute() throws IOException {
        PreprocessedCaseStore store = new PreprocessedCaseStore(root);
        AtomicInteger computed = new AtomicInteger();
        PreprocessedCase first = store.getOrCompute(KEY, "case_1", () -> {
            computed.incrementAndGet();
            return sample("case_1", true);
        });
        // another fold, another store object on the same folder
        PreprocessedCase second = new PreprocessedCaseStore(root).getOrCompute(KEY, "case_1", () -> {
            computed.incrementAndGet();
            return sample("case_1", true);
        });
        assertEquals(1, computed.get());
        assertSame(first, second);
        // a different plans digest is a different cache entry
        store.getOrCompute(new CacheKey("ds-3f2a", "plans-other", "3d_fullres"), "case_1", () -> {
            computed.incrementAndGet();
            return sample("case_1", true);
        });
        assertEquals(2, computed.get());
    }

    @Test
    void concurrentFoldsComputeACaseOnceAndNeverSeeAHalfWrittenOne() throws Exception {
        PreprocessedCaseStore store = new PreprocessedCaseStore(root);
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PreprocessedCase>> results = Stream.generate(() -> pool.submit(() -> {
                start.await();
                return store.getOrCompute(KEY, "case_7", () -> {
                    computed.incrementAndGet();
                    return sample("case_7", true);
                });
            })).limit(4).toList();
            start.countDown();
            for (Future<PreprocessedCase> f : results) {
                assertSame(sample("case_7", true), f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, computed.get());
        try (Stream<Path> files = Files.list(store.folder(KEY))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void aCaseWhoseHeaderIsNotYetWrittenIsAbsent() throws IOException {
        PreprocessedCaseStore store = new PreprocessedCaseStore(root);
        store.write(KEY, sample("case_2", true));
        Files.delete(store.folder(KEY).resolve("case_2.json"));
        assertFalse(store.contains(KEY, "case_2"));
        assertTrue(store.read(KEY, "case_2").isEmpty());
    }

    @Test
    void aTruncatedDataFileIsReportedByName() throws IOException {
        PreprocessedCaseStore store = new PreprocessedCaseStore(root);
        store.write(KEY, sample("case_3", true));
        Path bin = store.folder(KEY).resolve("case_3.bin");
        byte[] b = Files.readAllBytes(bin);
        Files.write(bin, java.util.Arrays.copyOf(b, b.length - 10));
        IOException e = assertThrows(IOException.class, () -> store.read(KEY, "case_3"));
        assertTrue(e.getMessage().contains("case_3.bin"), e.getMessage());
    }

    @Test
    void caseIdsAndDigestsCannotEscapeTheFolder() {
        PreprocessedCaseStore store = new PreprocessedCaseStore(root);
        for (String bad : new String[] {"../evil", "a/b", "..", "", ".hidden", "a\\b", "x/../../y"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.read(KEY, bad), "case id " + bad);
            assertTrue(e.getMessage().contains("case id"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new CacheKey("../ds", "p", "3d_fullres"));
        assertThrows(IllegalArgumentException.class, () -> new CacheKey("ds", "p/q", "3d_fullres"));
        assertThrows(IllegalArgumentException.class, () -> new CacheKey("ds", "p", "../3d_fullres"));
    }

    private static void assertSame(PreprocessedCase expected, PreprocessedCase actual) {
        assertEquals(expected.caseId(), actual.caseId());
        assertEquals(expected.data().length, actual.data().length);
        for (int c = 0; c < expected.data().length; c++) {
            assertArrayEquals(expected.data()[c].shape(), actual.data()[c].shape());
            assertArrayEquals(expected.data()[c].data(), actual.data()[c].data());
        }
        assertArrayEquals(expected.seg().data(), actual.seg().data());
        CaseProperties e = expected.properties();
        CaseProperties a = actual.properties();
        assertArrayEquals(e.originalShape(), a.originalShape());
        assertArrayEquals(e.originalSpacing(), a.originalSpacing());
        assertArrayEquals(e.cropBox(), a.cropBox());
        assertArrayEquals(e.shapeAfterCrop(), a.shapeAfterCrop());
        assertArrayEquals(e.spacingAfterResampling(), a.spacingAfterResampling());
        assertArrayEquals(e.shapeAfterResampling(), a.shapeAfterResampling());
        assertEquals(e.classLocations().keySet(), a.classLocations().keySet());
        for (Integer k : e.classLocations().keySet()) {
            assertArrayEquals(e.classLocations().get(k), a.classLocations().get(k));
        }
    }
}
