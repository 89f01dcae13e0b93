package dev.segfold.service.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.cache.CacheManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.preprocess.CacheKey;
import dev.segfold.engine.preprocess.CaseProperties;
import dev.segfold.engine.preprocess.PreprocessedCase;
import dev.segfold.engine.preprocess.PreprocessedCaseStore;
import dev.segfold.service.checkpoint.StoredCheckpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure logic of the preprocessed-data cache: manifests of local entries and the checks on them. */
class CacheEntriesTest {
    private static final CacheKey KEY = new CacheKey("d".repeat(64), "e".repeat(64), "3d_fullres");
    private static final List<String> CASES = List.of("case_000", "case_001");
    private static final Instant T = Instant.parse("2026-12-07T09:00:00Z");

    @TempDir
    Path root;
    PreprocessedCaseStore store;

    @BeforeEach
    void twoCases() throws IOException {
        store = new PreprocessedCaseStore(root);
        for (int i = 0; i < CASES.size(); i++) {
            float[] values = new float[4 * 5 * 6];
            for (int v = 0; v < values.length; v++) {
                values[v] = v * (i + 1) / 7f;
            }
            Volume data = new Volume(new int[] {4, 5, 6}, values);
            Volume seg = new Volume(new int[] {4, 5, 6}, new float[4 * 5 * 6]);
            store.write(KEY, new PreprocessedCase(CASES.get(i), new Volume[] {data}, seg, new CaseProperties(
                    new int[] {4, 5, 6}, new double[] {1, 1, 1}, new int[][] {{0, 4}, {0, 5}, {0, 6}},
                    new int[] {4, 5, 6}, new double[] {1, 1, 1}, new int[] {4, 5, 6}, Map.of())));
        }
    }

    @Test
    void describesEveryCaseFileWithSizeAndDigestDataBeforeHeaders() throws IOException {
        CacheManifest m = CacheEntries.describe(store, KEY, CASES, T, "trainer-a");
        assertEquals(List.of("case_000.bin", "case_000.json", "case_001.bin", "case_001.json"),
                m.files().stream().map(ManifestFile::name).toList());
        for (ManifestFile f : m.files()) {
            Path file = store.folder(KEY).resolve(f.name());
            assertEquals(Files.size(file), f.size(), f.name());
            assertEquals(StoredCheckpoints.sha256(file), f.sha256(), f.name());
        }
        assertEquals(List.of("case_000.bin", "case_001.bin", "case_000.json", "case_001.json"),
                CacheEntries.writeOrder(m).stream().map(ManifestFile::name).toList());
        assertEquals(KEY.relativePath() + "/manifest.json", m.manifestKey());
    }

    @Test
    void aManifestOfAnotherKeyOrOtherCasesIsAMismatch() throws IOException {
        CacheManifest m = CacheEntries.describe(store, KEY, CASES, T, "trainer-a");
        assertTrue(CacheEntries.mismatch(m, KEY, List.of("case_001", "case_000")).isEmpty(), "order does not matter");
        String other = CacheEntries.mismatch(m, new CacheKey("d".repeat(64), "f".repeat(64), "3d_fullres"), CASES)
                .orElseThrow();
        assertTrue(other.contains("not " + "d".repeat(64) + "/" + "f".repeat(64)), other);
        String cases = CacheEntries.mismatch(m, KEY, List.of("case_000", "case_002")).orElseThrow();
        assertTrue(cases.contains("missing [case_002]") && cases.contains("not in the data set [case_001]"), cases);
    }

    @Test
    void verifyNamesTheObjectAndWhatDiffers() throws IOException {
        CacheManifest m = CacheEntries.describe(store, KEY, CASES, T, "trainer-a");
        Path bin = store.folder(KEY).resolve("case_001.bin");
        ManifestFile listed = m.files().get(2);
        CacheEntries.verify(bin, listed, "segfold-cache/x/cases/case_001.bin");

        byte[] bytes = Files.readAllBytes(bin);
        bytes[17] ^= 0x40;
        Files.write(bin, bytes);
        var sha = assertThrows(RejectedEntryException.class,
                () -> CacheEntries.verify(bin, listed, "segfold-cache/x/cases/case_001.bin"));
        assertTrue(sha.getMessage().startsWith("segfold-cache/x/cases/case_001.bin: SHA-256"), sha.getMessage());

        Files.write(bin, new byte[3]);
        var size = assertThrows(RejectedEntryException.class,
                () -> CacheEntries.verify(bin, listed, "segfold-cache/x/cases/case_001.bin"));
        assertTrue(size.getMessage().contains("size 3 bytes, its manifest says " + listed.size()), size.getMessage());
    }

    @Test
    void aLocalEntryCountsOnlyWithItsMarkerAndAllItsFiles() throws IOException {
        Path folder = store.folder(KEY);
        assertTrue(CacheEntries.readLocal(folder, KEY, CASES).isEmpty(), "no marker yet: being filled");
        CacheManifest m = CacheEntries.describe(store, KEY, CASES, T, "trainer-a");
        CacheEntries.writeLocal(folder, m);
        assertEquals(m, CacheEntries.readLocal(folder, KEY, CASES).orElseThrow());
        assertEquals(CASES, store.caseIds(KEY), "the marker is not taken for a case");
        assertTrue(CacheEntries.readLocal(folder, KEY, List.of("case_000")).isEmpty(), "another case list");

        Files.delete(folder.resolve("case_000.bin"));
        assertTrue(CacheEntries.readLocal(folder, KEY, CASES).isEmpty(), "a listed file is missing");
        Files.writeString(folder.resolve(CacheEntries.LOCAL_MARKER), "{not json");
        assertFalse(CacheEntries.readLocal(folder, KEY, CASES).isPresent(), "a damaged marker is no entry");
    }
}
