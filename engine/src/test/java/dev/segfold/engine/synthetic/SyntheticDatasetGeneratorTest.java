package dev.segfold.engine.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.dataset.DatasetValidator;
import dev.segfold.engine.dataset.LoadedCase;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.dataset.ValidationReport;
import dev.segfold.engine.image.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetGeneratorTest {
    @TempDir
    Path dir;

    private static SyntheticDatasetGenerator small(long seed) {
        return SyntheticDatasetGenerator.builder().trainingCases(4).optTestCases(2).optSeed(seed).build();
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws Exception {
        small(5).generate(dir.resolve("a"));
        small(5).generate(dir.resolve("b"));
        small(6).generate(dir.resolve("c"));
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve("a"))) {
            files = s.filter(Files::isRegularFile).map(dir.resolve("a")::relativize).sorted().toList();
        }
        assertEquals(4 + 4 + 2 + 1, files.size(), files.toString());
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f.toString());
        }
        Path image = Path.of("imagesTr/synthetic_000.nii.gz");
        assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("a").resolve(image)), Files.readAllBytes(dir.resolve("c").resolve(image))));
    }

    @Test
    void defaultDatasetValidatesLoadsAndIsQuickToGenerate() throws Exception {
        long start = System.nanoTime();
        SyntheticDatasetSummary summary = SyntheticDatasetGenerator.builder().build().generate(dir);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(20, summary.trainingCaseIds().size());
        assertEquals(5, summary.testCaseIds().size());
        // well under a second per case even on a loaded two-core machine
        assertTrue(seconds < 25 * 0.8, "took " + seconds + " s for 25 cases");
        ValidationReport report = new DatasetValidator().validate(dir);
        assertTrue(report.isValid(), report.describe());
        assertEquals(List.of(), report.warnings());
        MsdDataset ds = MsdDataset.open(dir);
        assertEquals(summary.trainingCaseIds(), ds.trainingCaseIds());
        LoadedCase c = ds.load("synthetic_003");
        assertArrayEquals(new int[] {32, 40, 32}, c.raw().seg().shape());
        assertArrayEquals(new double[] {1, 1, 1}, c.raw().spacing(), 1e-9);
        SyntheticCase inMemory = SyntheticDatasetGenerator.builder().build().renderCase(3);
        assertArrayEquals(inMemory.channels()[0].data(), c.raw().channels()[0].data());
        assertArrayEquals(inMemory.labels().data(), c.raw().seg().data());
    }

    @Test
    void partsTouchAndVaryInSizeBetweenCases() {
        SyntheticDatasetGenerator g = SyntheticDatasetGenerator.builder().build();
        double[] volumes1 = new double[20];
        double[] volumes2 = new double[20];
        for (int i = 0; i < 20; i++) {
            Volume labels = g.renderCase(i).labels();
            assertTrue(touchCount(labels, 1, 2) > 0, "case " + i + ": parts 1 and 2 touch");
            volumes1[i] = count(labels, 1);
            volumes2[i] = count(labels, 2);
            assertTrue(volumes1[i] > 100 && volumes2[i] > 100, "case " + i + ": both parts present");
        }
        assertTrue(coefficientOfVariation(volumes1) > 0.15, "part 1 volumes vary: " + Arrays.toString(volumes1));
        assertTrue(coefficientOfVariation(volumes2) > 0.15, "part 2 volumes vary: " + Arrays.toString(volumes2));
    }

    @Test
    void noSingleIntensityThresholdFindsTheBody() {
        SyntheticDatasetGenerator g = SyntheticDatasetGenerator.builder().build();
        List<float[]> images = new ArrayList<>();
        List<float[]> labels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SyntheticCase c = g.renderCase(i);
            images.add(c.channels()[0].data());
            labels.add(c.labels().data());
        }
        double pooled = ThresholdBaseline.bestDice(images, labels);
        double perCase = 0;
        for (int i = 0; i < 20; i++) {
            perCase += ThresholdBaseline.bestDice(List.of(images.get(i)), List.of(labels.get(i))) / 20;
        }
        System.out.printf("best single-threshold foreground Dice: pooled %.3f, per-case optimum mean %.3f%n", pooled, perCase);
        assertTrue(pooled < 0.7, "a global threshold reaches Dice " + pooled);
        assertTrue(perCase < 0.75, "even a per-case threshold reaches Dice " + perCase);
    }

    @Test
    void optionsShapeTheDataset() throws Exception {
        SyntheticDatasetSummary s = SyntheticDatasetGenerator.builder().trainingCases(2).optTestCases(1)
                .optShape(16, 40, 32).optAnisotropic(true).optForegroundClasses(3).optChannels(2).optWriteTestLabels(true)
                .build().generate(dir);
        assertArrayEquals(new double[] {3, 1, 1}, s.spacing());
        assertTrue(new DatasetValidator().validate(dir).isValid(), new DatasetValidator().validate(dir).describe());
        MsdDataset ds = MsdDataset.open(dir);
        LoadedCase c = ds.load("synthetic_000");
        assertEquals(2, c.raw().channels().length);
        assertArrayEquals(new double[] {3, 1, 1}, c.raw().spacing(), 1e-6);
        assertEquals(3, ds.descriptor().foregroundLabels().size());
        for (int k = 1; k <= 3; k++) {
            assertTrue(count(c.raw().seg(), k) > 0, "label " + k + " present");
        }
        assertTrue(touchCount(c.raw().seg(), 2, 3) > 0);
        assertTrue(Files.exists(dir.resolve("labelsTs/synthetic_002.nii.gz")));
    }

    static int count(Volume v, int label) {
        int n = 0;
        for (float x : v.data()) {
            if (x == label) {
                n++;
            }
        }
        return n;
    }

    /** Face-adjacent voxel pairs with labels a and b. */
    static int touchCount(Volume v, int a, int b) {
        int n = 0;
        int[] s = v.shape();
        for (int z = 0; z < s[0]; z++) {
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[2]; x++) {
                    float l = v.get(z, y, x);
                    if (l != a) {
                        continue;
                    }
                    if (z + 1 < s[0] && v.get(z + 1, y, x) == b || z > 0 && v.get(z - 1, y, x) == b
                            || y + 1 < s[1] && v.get(z, y + 1, x) == b || y > 0 && v.get(z, y - 1, x) == b
                            || x + 1 < s[2] && v.get(z, y, x + 1) == b || x > 0 && v.get(z, y, x - 1) == b) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    static double coefficientOfVariation(double[] v) {
        double mean = Arrays.stream(v).average().orElseThrow();
        double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElseThrow();
        return Math.sqrt(var) / mean;
    }
}
