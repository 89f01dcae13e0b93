package dev.segfold.engine.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KFoldSplitterTest {

    private static final int[] SPLEEN_TRAINING = {2, 3, 6, 8, 9, 10, 12, 13, 14, 16, 17, 18, 19, 20, 21, 22, 24,
        25, 26, 27, 28, 29, 31, 32, 33, 38, 40, 41, 44, 45, 46, 47, 49, 52, 53, 56, 59, 60, 61, 62, 63};

    /** REFERENCE-nnunet.md §1, cross-checked there against MONAI's dataset_task09.json. */
    private static final int[][] SPLEEN_VAL = {
        {10, 13, 14, 17, 31, 33, 44, 47, 56},
        {2, 16, 24, 27, 32, 52, 59, 60},
        {18, 19, 21, 22, 25, 29, 41, 45},
        {3, 20, 26, 28, 38, 40, 46, 53},
        {6, 8, 9, 12, 49, 61, 62, 63},
    };

    @Test
    void reproducesTheHippocampusReferenceFolds() throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/split/hippocampus-5fold-splits.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        List<String> ids = new ArrayList<>();
        ref.get("case_ids").forEach(n -> ids.add(n.asText()));
        assertEquals(260, ids.size());
        // the splitter sorts itself: hand it the ids in reverse to prove it
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);

        CrossValidationSplit split = KFoldSplitter.split(reversed, 5);

        assertEquals(5, split.numFolds());
        for (int k = 0; k < 5; k++) {
            List<String> expectedVal = new ArrayList<>();
            ref.get("folds").get(k).get("val").forEach(n -> expectedVal.add(n.asText()));
            FoldSplit fold = split.fold(k);
            assertEquals(expectedVal, fold.val(), "fold " + k);
            assertEquals(260 - expectedVal.size(), fold.train().size());
            Set<String> union = new HashSet<>(fold.train());
            union.addAll(fold.val());
            assertEquals(new HashSet<>(ids), union);
        }
        assertEquals(List.of("hippocampus_017", "hippocampus_019", "hippocampus_033", "hippocampus_035"),
                split.fold(0).val().subList(0, 4));
    }

    @Test
    void reproducesTheSpleenReferenceFolds() {
        List<String> ids = IntStream.of(SPLEEN_TRAINING).mapToObj(i -> "spleen_" + i).toList();
        CrossValidationSplit split = KFoldSplitter.split(ids, 5);
        for (int k = 0; k < 5; k++) {
            List<String> expected = IntStream.of(SPLEEN_VAL[k]).mapToObj(i -> "spleen_" + i).sorted().toList();
            assertEquals(expected, split.fold(k).val(), "fold " + k);
        }
        // 41 = 5*8 + 1: only the first chunk is one larger
        assertEquals(9, split.fold(0).val().size());
        assertEquals(8, split.fold(4).val().size());
    }

    @Test
    void trainListsStaySortedAsStrings() {
        List<String> ids = IntStream.of(SPLEEN_TRAINING).mapToObj(i -> "spleen_" + i).toList();
        List<String> train = KFoldSplitter.split(ids, 5).fold(1).train();
        List<String> sorted = new ArrayList<>(train);
        sorted.sort(null);
        assertEquals(sorted, train);
        assertTrue(train.indexOf("spleen_10") < train.indexOf("spleen_3"));
    }

    @Test
    void rejectsImpossibleFoldCounts() {
        assertThrows(IllegalArgumentException.class, () -> KFoldSplitter.split(List.of("a", "b"), 5));
        assertThrows(IllegalArgumentException.class, () -> KFoldSplitter.split(List.of("a", "b", "c"), 1));
        assertThrows(IllegalArgumentException.class, () -> KFoldSplitter.split(List.of("a", "a", "b"), 2));
    }
}
