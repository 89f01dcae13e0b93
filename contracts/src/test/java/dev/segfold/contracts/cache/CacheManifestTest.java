package dev.segfold.contracts.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.json.ContractJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheManifestTest {
    private static final String DS = "a1".repeat(32);
    private static final String PLANS = "b2".repeat(32);
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    private static ManifestFile file(String name, long size, char digit) {
        return new ManifestFile(name, size, String.valueOf(digit).repeat(64));
    }

    private static CacheManifest manifest(List<String> cases, List<ManifestFile> files) {
        return new CacheManifest(CacheManifest.FORMAT, DS, PLANS, "3d_fullres", cases, files, T, "trainer-1");
    }

    private static final List<ManifestFile> TWO_CASES = List.of(file("case_0.bin", 400, 'a'),
            file("case_0.json", 40, 'b'), file("case_1.bin.gz", 300, 'c'), file("case_1.json", 41, 'd'));

    @Test
    void roundTripsAndNamesItsKeysInsideTheEntry() {
        CacheManifest m = manifest(List.of("case_0", "case_1"), TWO_CASES);
        assertEquals(m, ContractJson.read(ContractJson.write(m), CacheManifest.class));
        assertEquals(DS + "/" + PLANS + "/3d_fullres/manifest.json", m.manifestKey());
        assertEquals(DS + "/" + PLANS + "/3d_fullres/cases/case_1.bin.gz", m.fileKey(TWO_CASES.get(2)));
        assertEquals(781, m.totalBytes());
    }

    @Test
    void sameContentIgnoresWhoWroteItAndTheOrder() {
        CacheManifest mine = manifest(List.of("case_0", "case_1"), TWO_CASES);
        CacheManifest theirs = new CacheManifest(CacheManifest.FORMAT, DS, PLANS, "3d_fullres",
                List.of("case_1", "case_0"), List.of(TWO_CASES.get(3), TWO_CASES.get(2), TWO_CASES.get(1),
                TWO_CASES.get(0)), T.plusSeconds(5), "trainer-2");
        assertTrue(mine.sameContent(theirs));
        CacheManifest otherBytes = manifest(List.of("case_0", "case_1"), List.of(TWO_CASES.get(0), TWO_CASES.get(1),
                TWO_CASES.get(2), file("case_1.json", 41, 'e')));
        assertFalse(mine.sameContent(otherBytes));
    }

    @Test
    void rejectsEntriesThatDoNotListTwoFilesPerCase() {
        var missing = assertThrows(IllegalArgumentException.class,
                () -> manifest(List.of("case_0", "case_1"), TWO_CASES.subList(0, 3)));
        assertTrue(missing.getMessage().contains("case_1.json"), missing.getMessage());
        var foreign = assertThrows(IllegalArgumentException.class, () -> manifest(List.of("case_0"),
                List.of(file("case_0.bin", 1, 'a'), file("case_0.json", 1, 'b'), file("other.bin", 1, 'c'))));
        assertTrue(foreign.getMessage().contains("other.bin"), foreign.getMessage());
        var both = assertThrows(IllegalArgumentException.class, () -> manifest(List.of("case_0"),
                List.of(file("case_0.bin", 1, 'a'), file("case_0.bin.gz", 1, 'a'), file("case_0.json", 1, 'b'))));
        assertTrue(both.getMessage().contains("case_0"), both.getMessage());
        assertThrows(IllegalArgumentException.class, () -> manifest(List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> manifest(List.of("case_0", "case_0"), TWO_CASES));
        var escape = assertThrows(IllegalArgumentException.class, () -> manifest(List.of("case_0"),
                List.of(file("../case_0.bin", 1, 'a'), file("case_0.json", 1, 'b'))));
        assertTrue(escape.getMessage().contains("ManifestFile.name"), escape.getMessage());
    }

    @Test
    void rejectsAnotherFormatAndBadDigestsByName() {
        var format = assertThrows(IllegalArgumentException.class, () -> new CacheManifest(2, DS, PLANS, "3d_fullres",
                List.of("case_0", "case_1"), TWO_CASES, T, "t"));
        assertTrue(format.getMessage().contains("CacheManifest.format 2"), format.getMessage());
        var digest = assertThrows(IllegalArgumentException.class, () -> new CacheManifest(CacheManifest.FORMAT,
                "../x", PLANS, "3d_fullres", List.of("case_0", "case_1"), TWO_CASES, T, "t"));
        assertTrue(digest.getMessage().contains("datasetDigest"), digest.getMessage());
    }
}
