package dev.segfold.engine.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.nifti.NiftiImage;
import dev.segfold.engine.nifti.NiftiReader;
import dev.segfold.engine.nifti.NiftiWriter;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.plan.PlansJson;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-set digest follows the bytes of every file, wherever the data set lies. */
class DatasetDigestTest {
    @TempDir
    static Path tmp;
    static Path original;
    static String digest;

    @BeforeAll
    static void generate() throws IOException {
        original = tmp.resolve("original");
        SyntheticDatasetGenerator.builder().trainingCases(3).optTestCases(1).optShape(16, 18, 16).optSeed(5).build()
                .generate(original);
        digest = DatasetDigest.of(MsdDataset.open(original));
    }

    @Test
    void isAFullSha256AndTheSameForACopyElsewhere() throws IOException {
        assertTrue(digest.matches("[0-9a-f]{64}"), digest);
        Path copy = copyOf("copy");
        assertEquals(digest, DatasetDigest.of(MsdDataset.open(copy)), "the folder's location is not part of it");
    }

    @Test
    void oneChangedVoxelOfALabelChangesIt() throws IOException {
        Path copy = copyOf("voxel");
        MsdDataset dataset = MsdDataset.open(copy);
        CaseFiles first = dataset.trainingCases().get(0);
        NiftiImage label = NiftiReader.read(first.label());
        Volume v = label.volume();
        float[] voxels = v.data().clone();
        int i = v.index(v.depth() / 2, v.height() / 2, v.width() / 2);
        voxels[i] = voxels[i] == 0 ? 1 : 0;
        NiftiWriter.write(first.label(), NiftiImage.labelsLike(label.header(), new Volume(v.shape(), voxels)));
        assertNotEquals(digest, DatasetDigest.of(MsdDataset.open(copy)));
    }

    @Test
    void aChangedByteOfTheSameSizeChangesIt() throws IOException {
        // Names and sizes stay; only the content differs: what a digest of names and sizes misses.
        Path copy = copyOf("byte");
        Path image = MsdDataset.open(copy).trainingCases().get(1).images().get(0);
        byte[] bytes = Files.readAllBytes(image);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(image, bytes);
        assertNotEquals(digest, DatasetDigest.of(MsdDataset.open(copy)));
    }

    @Test
    void aTestImageAndDatasetJsonAreCovered() throws IOException {
        Path copy = copyOf("test-image");
        Path test = MsdDataset.open(copy).testCases().get(0).images().get(0);
        byte[] bytes = Files.readAllBytes(test);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(test, bytes);
        assertNotEquals(digest, DatasetDigest.of(MsdDataset.open(copy)));

        Path json = copyOf("json");
        Files.writeString(json.resolve("dataset.json"), Files.readString(json.resolve("dataset.json")) + " ");
        assertNotEquals(digest, DatasetDigest.of(MsdDataset.open(json)));
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Path copy = copyOf("missing");
        MsdDataset dataset = MsdDataset.open(copy);
        Path label = dataset.trainingCases().get(2).label();
        Files.delete(label);
        IOException e = assertThrows(IOException.class, () -> DatasetDigest.of(dataset));
        assertTrue(e.getMessage().contains(copy.relativize(label).toString()), e.getMessage());
    }

    @Test
    void thePlansDigestFollowsThePlansAndSurvivesAWriteReadRoundTrip() throws IOException {
        MsdDataset dataset = MsdDataset.open(original);
        Plans plans = ExperimentPlanning.plan(dataset, PlanOverrides.NONE);
        Path file = tmp.resolve("plans.json");
        PlansJson.write(plans, file);
        // every service reads the run's plans.json and digests what it read: it must agree with the writer
        assertEquals(DatasetDigest.ofPlans(plans), DatasetDigest.ofPlans(PlansJson.read(file)));
        assertTrue(DatasetDigest.ofPlans(plans).matches("[0-9a-f]{64}"));
        Plans other = ExperimentPlanning.plan(dataset, PlanOverrides.NONE.withBaseNumFeatures(8));
        assertNotEquals(DatasetDigest.ofPlans(plans), DatasetDigest.ofPlans(other));
    }

    private static Path copyOf(String name) throws IOException {
        Path target = tmp.resolve(name);
        try (Stream<Path> files = Files.walk(original)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = target.resolve(original.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }
}
