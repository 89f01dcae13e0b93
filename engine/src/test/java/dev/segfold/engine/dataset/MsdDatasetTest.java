package dev.segfold.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.nifti.NiftiDatatype;
import dev.segfold.engine.nifti.NiftiImage;
import dev.segfold.engine.nifti.NiftiWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MsdDatasetTest {
    @TempDir
    Path root;

    @Test
    void msdLayoutLoadsMultiChannelCasesWithSpacingAndHeader() throws Exception {
        DatasetFixture.writeMsd(root, 3, 1);
        MsdDataset ds = MsdDataset.open(root);
        assertEquals(DatasetLayout.MSD, ds.layout());
        assertEquals(2, ds.numChannels());
        assertEquals(List.of("case_000", "case_001", "case_002"), ds.trainingCaseIds());
        assertEquals("case_003", ds.testCases().get(0).caseId());
        LoadedCase c = ds.load("case_001");
        RawCase raw = c.raw();
        assertEquals("case_001", raw.caseId());
        assertEquals(2, raw.channels().length);
        assertArrayEquals(DatasetFixture.channel(1, 0).data(), raw.channels()[0].data());
        assertArrayEquals(DatasetFixture.channel(1, 1).data(), raw.channels()[1].data());
        assertArrayEquals(DatasetFixture.labels(1).data(), raw.seg().data());
        assertArrayEquals(new double[] {2.0, 0.5, 0.75}, raw.spacing(), 1e-6);
        assertArrayEquals(DatasetFixture.SHAPE, c.imageHeader().shape());
        assertEquals(List.of(), c.warnings());
        LoadedCase test = ds.load("case_003");
        assertNull(test.raw().seg());
        assertEquals("Fixture", ds.descriptor().name());
        assertEquals(List.of(1, 2), ds.descriptor().foregroundLabels());
    }

    @Test
    void nnunetLayoutStripsTheChannelSuffixAndLoadsChannelsInOrder() throws Exception {
        for (boolean listed : new boolean[] {true, false}) {
            Path dir = root.resolve("listed" + listed);
            DatasetFixture.writeNnunet(dir, 2, listed);
            MsdDataset ds = MsdDataset.open(dir);
            assertEquals(DatasetLayout.NNUNET, ds.layout(), "listed=" + listed);
            assertEquals(List.of("case_000", "case_001"), ds.trainingCaseIds());
            CaseFiles files = ds.find("case_001").orElseThrow();
            assertEquals(List.of(dir.resolve("imagesTr/case_001_0000.nii.gz"), dir.resolve("imagesTr/case_001_0001.nii.gz")),
                    files.images());
            RawCase raw = ds.load(files).raw();
            assertArrayEquals(DatasetFixture.channel(1, 0).data(), raw.channels()[0].data());
            assertArrayEquals(DatasetFixture.channel(1, 1).data(), raw.channels()[1].data());
            assertArrayEquals(DatasetFixture.labels(1).data(), raw.seg().data());
        }
    }

    @Test
    void caseIdsFollowEachLayoutsRule() {
        assertEquals("hippocampus_001", MsdDataset.caseIdOf(Path.of("hippocampus_001.nii.gz"), DatasetLayout.MSD));
        assertEquals("la_003", MsdDataset.caseIdOf(Path.of("la_003_0000.nii.gz"), DatasetLayout.NNUNET));
        assertEquals("x_12_0001", MsdDataset.caseIdOf(Path.of("x_12_0001_0002.nii"), DatasetLayout.NNUNET));
    }

    @Test
    void nanIntensitiesBecomeZeroWithAWarningNamingTheFile() throws Exception {
        DatasetFixture.writeMsd(root, 1, 0);
        Volume bad = DatasetFixture.channel(0, 0);
        bad.data()[3] = Float.NaN;
        bad.data()[7] = Float.POSITIVE_INFINITY;
        Path image = root.resolve("imagesTr/case_000.nii.gz");
        NiftiWriter.write(image, NiftiImage.of(DatasetFixture.header(NiftiDatatype.FLOAT32), bad, DatasetFixture.channel(0, 1)));
        LoadedCase c = MsdDataset.open(root).load("case_000");
        assertEquals(0f, c.raw().channels()[0].data()[3]);
        assertEquals(0f, c.raw().channels()[0].data()[7]);
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains(image.toString()) && c.warnings().get(0).contains("2 NaN/Inf"),
                c.warnings().get(0));
    }

    @Test
    void missingOrBrokenInputsFailNamingTheFile() throws Exception {
        DatasetFormatException noFolder = assertThrows(DatasetFormatException.class, () -> MsdDataset.open(root.resolve("nope")));
        assertTrue(noFolder.getMessage().contains("nope"));
        DatasetFormatException noJson = assertThrows(DatasetFormatException.class, () -> MsdDataset.open(root));
        assertTrue(noJson.getMessage().contains("dataset.json"), noJson.getMessage());
        Files.writeString(root.resolve("dataset.json"), "{\"modality\": {\"0\": \"CT\"}, \"labels\": [1]}");
        DatasetFormatException badLabels = assertThrows(DatasetFormatException.class, () -> MsdDataset.open(root));
        assertTrue(badLabels.getMessage().contains("'labels'"), badLabels.getMessage());
        DatasetFixture.writeMsd(root, 1, 0);
        Files.delete(root.resolve("labelsTr/case_000.nii.gz"));
        DatasetFormatException missing = assertThrows(DatasetFormatException.class, () -> MsdDataset.open(root).load("case_000"));
        assertTrue(missing.getMessage().contains("labelsTr/case_000.nii.gz") && missing.getMessage().contains("missing label"),
                missing.getMessage());
    }

    @Test
    void datasetJsonRoundTripsAndReadsTheHippocampusSpelling() throws Exception {
        DatasetDescriptor d = DatasetFixture.descriptor(List.of(new TrainingPair("./imagesTr/a.nii.gz", "./labelsTr/a.nii.gz")),
                List.of("./imagesTs/b.nii.gz"));
        DatasetJson.write(root.resolve("dataset.json"), d);
        assertEquals(d, DatasetJson.read(root.resolve("dataset.json")));
        String json = Files.readString(root.resolve("dataset.json"));
        assertTrue(json.contains("\"numTraining\" : 1") && json.contains("\"numTest\" : 1"), json);
        Files.writeString(root.resolve("v2.json"),
                "{\"channel_names\": {\"0\": \"T2\", \"1\": \"ADC\"}, \"labels\": {\"background\": 0, \"PZ\": 1},"
                        + " \"relase\": \"0.1\", \"numTraining\": 2, \"file_ending\": \".nii.gz\"}");
        DatasetDescriptor v2 = DatasetJson.read(root.resolve("v2.json"));
        assertEquals(2, v2.numChannels());
        assertEquals("PZ", v2.labels().get(1));
        assertEquals("0.1", v2.release());
    }
}
