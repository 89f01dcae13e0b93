package dev.segfold.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.nifti.NiftiDatatype;
import dev.segfold.engine.nifti.NiftiHeader;
import dev.segfold.engine.nifti.NiftiImage;
import dev.segfold.engine.nifti.NiftiWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetValidatorTest {
    @TempDir
    Path root;

    private final DatasetValidator validator = new DatasetValidator();

    @BeforeEach
    void writeCleanDataset() throws Exception {
        DatasetFixture.writeMsd(root, 3, 1);
    }

    private Path label(int i) {
        return root.resolve("labelsTr/" + DatasetFixture.id(i) + ".nii.gz");
    }

    /** Validates and asserts exactly one error, on {@code file}, whose message contains {@code text}. */
    private void assertSingleError(Path file, String text) {
        ValidationReport report = validator.validate(root);
        assertEquals(1, report.errors().size(), report.describe());
        DatasetProblem p = report.errors().get(0);
        assertEquals(file.normalize(), p.file().normalize(), report.describe());
        assertTrue(p.message().contains(text), p.toString());
        assertTrue(p.toString().contains(file.getFileName().toString()), p.toString());
    }

    @Test
    void aCleanDatasetValidates() {
        ValidationReport report = validator.validate(root);
        assertTrue(report.isValid(), report.describe());
        assertEquals(List.of(), report.problems());
        assertEquals(3, report.trainingCases());
        assertEquals(1, report.testCases());
    }

    @Test
    void missingLabelFile() throws Exception {
        Files.delete(label(1));
        assertSingleError(label(1), "missing label file");
    }

    @Test
    void missingImageFile() throws Exception {
        Path image = root.resolve("imagesTr/case_002.nii.gz");
        Files.delete(image);
        assertSingleError(image, "missing image file");
    }

    @Test
    void labelShapeMismatch() throws Exception {
        NiftiWriter.write(label(0), NiftiImage.of(DatasetFixture.header(NiftiDatatype.UINT8), Volume.zeros(3, 4, 6)));
        assertSingleError(label(0), "shape");
    }

    @Test
    void labelSpacingMismatch() throws Exception {
        NiftiHeader h = NiftiHeader.axisAligned(DatasetFixture.SHAPE, 1, new double[] {2.0, 0.5, 0.8}, new double[] {1, 2, 3},
                NiftiDatatype.UINT8);
        NiftiWriter.write(label(0), NiftiImage.labelsLike(h, DatasetFixture.labels(0)));
        assertSingleError(label(0), "spacing");
    }

    @Test
    void labelAffineMismatch() throws Exception {
        NiftiHeader h = NiftiHeader.axisAligned(DatasetFixture.SHAPE, 1, DatasetFixture.SPACING, new double[] {1, 2, 3.5},
                NiftiDatatype.UINT8);
        NiftiWriter.write(label(2), NiftiImage.labelsLike(h, DatasetFixture.labels(2)));
        assertSingleError(label(2), "affine");
        // within tolerance it is the same geometry
        NiftiHeader close = NiftiHeader.axisAligned(DatasetFixture.SHAPE, 1, DatasetFixture.SPACING,
                new double[] {1, 2, 3.0001}, NiftiDatatype.UINT8);
        NiftiWriter.write(label(2), NiftiImage.labelsLike(close, DatasetFixture.labels(2)));
        assertTrue(validator.validate(root).isValid());
    }

    @Test
    void undeclaredLabelValues() throws Exception {
        Volume labels = DatasetFixture.labels(1);
        labels.data()[5] = 7;
        labels.data()[6] = 4;
        NiftiWriter.write(label(1), NiftiImage.labelsLike(DatasetFixture.header(NiftiDatatype.UINT8), labels));
        assertSingleError(label(1), "[4, 7] are not declared");
    }

    @Test
    void channelCountMismatch() throws Exception {
        Path image = root.resolve("imagesTr/case_001.nii.gz");
        NiftiWriter.write(image, NiftiImage.of(DatasetFixture.header(NiftiDatatype.FLOAT32), DatasetFixture.channel(1, 0)));
        assertSingleError(image, "has 1 channels, dataset.json declares 2");
    }

    @Test
    void nanIntensitiesAreAWarningNotAnError() throws Exception {
        Volume c0 = DatasetFixture.channel(0, 0);
        c0.data()[0] = Float.NaN;
        Path image = root.resolve("imagesTr/case_000.nii.gz");
        NiftiWriter.write(image, NiftiImage.of(DatasetFixture.header(NiftiDatatype.FLOAT32), c0, DatasetFixture.channel(0, 1)));
        ValidationReport report = validator.validate(root);
        assertTrue(report.isValid(), report.describe());
        assertEquals(1, report.warnings().size(), report.describe());
        assertEquals(image.normalize(), report.warnings().get(0).file());
        assertTrue(report.warnings().get(0).message().contains("NaN"));
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() throws Exception {
        Files.delete(label(0));
        Files.delete(root.resolve("imagesTr/case_002.nii.gz"));
        Files.write(root.resolve("imagesTs/case_003.nii.gz"), new byte[] {1, 2, 3});
        ValidationReport report = validator.validate(root);
        assertEquals(3, report.errors().size(), report.describe());
        assertTrue(report.describe().contains("unreadable image"), report.describe());
    }

    @Test
    void nnunetChannelFilesMustShareGeometry() throws Exception {
        Path nn = root.resolve("nn");
        DatasetFixture.writeNnunet(nn, 2, true);
        assertTrue(validator.validate(nn).isValid(), validator.validate(nn).describe());
        Path channel1 = nn.resolve("imagesTr/case_001_0001.nii.gz");
        NiftiWriter.write(channel1, NiftiImage.of(NiftiHeader.axisAligned(DatasetFixture.SHAPE, 1, new double[] {3, 0.5, 0.75},
                new double[] {1, 2, 3}, NiftiDatatype.INT16), DatasetFixture.channel(1, 1)));
        ValidationReport report = validator.validate(nn);
        assertEquals(1, report.errors().size(), report.describe());
        assertEquals(channel1, report.errors().get(0).file());
        Files.delete(nn.resolve("imagesTr/case_000_0001.nii.gz"));
        ValidationReport missing = validator.validate(nn);
        assertTrue(missing.errors().stream().anyMatch(p -> p.file().endsWith("case_000_0001.nii.gz")
                && p.message().equals("missing image file")), missing.describe());
    }
}
