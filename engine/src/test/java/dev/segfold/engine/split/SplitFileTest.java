package dev.segfold.engine.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitFileTest {
    private static final List<String> IDS = IntStream.range(0, 12).mapToObj(i -> String.format("case_%02d", i)).toList();

    @TempDir
    Path dir;

    @Test
    void roundTripsASplit() {
        CrossValidationSplit split = KFoldSplitter.split(IDS, 5);
        Path file = dir.resolve("sub/splits_final.json");
        SplitFile.write(split, file);
        assertEquals(split, SplitFile.read(file));
    }

    @Test
    void userSplitFileOverridesTheDefault() throws IOException {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, """
                [{"train": ["case_00", "case_01"], "val": ["case_02"]},
                 {"train": ["case_02"], "val": ["case_00", "case_01"]}]
                """);
        CrossValidationSplit split = DatasetSplits.forDataset(IDS, Optional.of(file));
        assertEquals(2, split.numFolds());
        assertEquals(List.of("case_02"), split.fold(0).val());
        assertEquals(KFoldSplitter.split(IDS, 5), DatasetSplits.forDataset(IDS, Optional.empty()));
    }

    @Test
    void foldAllTrainsAndValidatesOnEveryCase() {
        FoldSplit all = DatasetSplits.foldFor(IDS, Optional.empty(), FoldSelector.parse("all"));
        assertTrue(all.isAll());
        assertEquals(IDS, all.train());
        assertEquals(IDS, all.val());
        assertEquals(KFoldSplitter.split(IDS, 5).fold(3), DatasetSplits.foldFor(IDS, Optional.empty(), FoldSelector.parse("3")));
    }

    @Test
    void unknownCaseIdsAreNamedWithTheFile() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "[{\"train\": [\"case_00\", \"nope_7\"], \"val\": [\"case_01\"]}]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetSplits.forDataset(IDS, Optional.of(file)));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
        assertTrue(e.getMessage().contains("nope_7"), e.getMessage());
    }

    @Test
    void foldOutOfRangeNamesTheRange() {
        CrossValidationSplit split = KFoldSplitter.split(IDS, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> split.select(FoldSelector.of(5)));
        assertTrue(e.getMessage().contains("0..4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FoldSelector.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> FoldSelector.parse("first"));
    }

    @Test
    void malformedFilesAreRejectedWithTheReason() {
        assertMessage("{\"train\": []}", "non-empty JSON list");
        assertMessage("[{\"train\": [\"a\"]}]", "no \"val\" list");
        assertMessage("[{\"train\": [1], \"val\": []}]", "non-string case id");
        assertMessage("[{\"train\": [\"a\"], \"val\": [\"a\"]}]", "both train and val");
        assertMessage("[{\"train\": [", "not valid JSON");
    }

    private static void assertMessage(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            CrossValidationSplit s = SplitFile.fromJson(json, "x.json");
            s.validateAgainst(List.of("a"), "x.json");
        });
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("x.json"), e.getMessage());
    }
}
