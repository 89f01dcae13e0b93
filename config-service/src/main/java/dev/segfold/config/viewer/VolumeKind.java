package dev.segfold.config.viewer;

import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.SpecProblem;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The volumes of one case the viewer may ask for; the file name in the URL names one. */
public enum VolumeKind {
    /** The case's image: {@code imagesTs/<case>.nii.gz} for a test case, else {@code imagesTr/}. */
    IMAGE("image.nii.gz"),
    /** The ensemble's segmentation of a test case: {@code <run>/ensemble/<case>.nii.gz}. */
    ENSEMBLE("ensemble.nii.gz"),
    /** The ground truth of a training case: {@code labelsTr/<case>.nii.gz}. */
    LABEL("label.nii.gz"),
    /** The out-of-fold prediction of a validation case: {@code .../fold<k>/validation/<case>.nii.gz}. */
    PREDICTION("prediction.nii.gz");

    private final String fileName;

    VolumeKind(String fileName) {
        this.fileName = fileName;
    }

    /** Its name in {@code /runs/{id}/volumes/{case}/{name}}. */
    public String fileName() {
        return fileName;
    }

    /** The kind named {@code name}, or a 400 problem listing the names there are. */
    public static VolumeKind fromFileName(String name) {
        return Arrays.stream(values()).filter(k -> k.fileName.equals(name)).findFirst()
                .orElseThrow(() -> new InvalidSpecException("path", List.of(new SpecProblem("volume",
                        "must be one of " + Arrays.stream(values()).map(VolumeKind::fileName)
                                .collect(Collectors.joining(", "))))));
    }
}
