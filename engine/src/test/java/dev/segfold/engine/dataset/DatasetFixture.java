package dev.segfold.engine.dataset;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.nifti.NiftiDatatype;
import dev.segfold.engine.nifti.NiftiHeader;
import dev.segfold.engine.nifti.NiftiImage;
import dev.segfold.engine.nifti.NiftiWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes tiny data sets in the MSD or nnU-Net layout for tests. */
final class DatasetFixture {
    static final int[] SHAPE = {3, 4, 5};
    static final double[] SPACING = {2.0, 0.5, 0.75};

    private DatasetFixture() {}

    static NiftiHeader header(NiftiDatatype type) {
        return NiftiHeader.axisAligned(SHAPE, 1, SPACING, new double[] {1, 2, 3}, type);
    }

    /** Channel c of case i: distinct values so tests can tell channels and cases apart. */
    static Volume channel(int caseIndex, int c) {
        Volume v = Volume.zeros(SHAPE);
        for (int j = 0; j < v.size(); j++) {
            v.data()[j] = 1000 * caseIndex + 100 * c + j;
        }
        return v;
    }

    static Volume labels(int caseIndex) {
        Volume v = Volume.zeros(SHAPE);
        for (int j = 0; j < v.size(); j++) {
            v.data()[j] = (j + caseIndex) % 3;
        }
        return v;
    }

    static String id(int i) {
        return String.format("case_%03d", i);
    }

    /** An MSD data set of 2-channel 4D images with labels 0..2, {@code test} test cases. */
    static void writeMsd(Path root, int training, int test) throws IOException {
        List<TrainingPair> pairs = new ArrayList<>();
        for (int i = 0; i < training; i++) {
            NiftiWriter.write(root.resolve("imagesTr/" + id(i) + ".nii.gz"),
                    NiftiImage.of(header(NiftiDatatype.FLOAT32), channel(i, 0), channel(i, 1)));
            NiftiWriter.write(root.resolve("labelsTr/" + id(i) + ".nii.gz"), NiftiImage.labelsLike(header(NiftiDatatype.UINT8), labels(i)));
            pairs.add(new TrainingPair("./imagesTr/" + id(i) + ".nii.gz", "./labelsTr/" + id(i) + ".nii.gz"));
        }
        List<String> tests = new ArrayList<>();
        for (int i = training; i < training + test; i++) {
            NiftiWriter.write(root.resolve("imagesTs/" + id(i) + ".nii.gz"),
                    NiftiImage.of(header(NiftiDatatype.FLOAT32), channel(i, 0), channel(i, 1)));
            tests.add("./imagesTs/" + id(i) + ".nii.gz");
        }
        DatasetJson.write(root.resolve("dataset.json"), descriptor(pairs, tests));
    }

    static DatasetDescriptor descriptor(List<TrainingPair> pairs, List<String> tests) {
        Map<Integer, String> modalities = Map.of(0, "MRI", 1, "ADC");
        Map<Integer, String> labels = Map.of(0, "background", 1, "one", 2, "two");
        return new DatasetDescriptor("Fixture", "test fixture", "", "CC0", "1.0", "4D",
                new TreeMap<>(modalities), new TreeMap<>(labels), pairs, tests);
    }

    /** The same cases in the nnU-Net layout: one 3D file per channel. */
    static void writeNnunet(Path root, int training, boolean listInJson) throws IOException {
        List<TrainingPair> pairs = new ArrayList<>();
        for (int i = 0; i < training; i++) {
            for (int c = 0; c < 2; c++) {
                NiftiWriter.write(root.resolve(String.format("imagesTr/%s_%04d.nii.gz", id(i), c)),
                        NiftiImage.of(header(NiftiDatatype.INT16), channel(i, c)));
            }
            NiftiWriter.write(root.resolve("labelsTr/" + id(i) + ".nii.gz"), NiftiImage.labelsLike(header(NiftiDatatype.UINT8), labels(i)));
            pairs.add(new TrainingPair("./imagesTr/" + id(i) + ".nii.gz", "./labelsTr/" + id(i) + ".nii.gz"));
        }
        DatasetJson.write(root.resolve("dataset.json"), descriptor(listInJson ? pairs : List.of(), List.of()));
    }
}
