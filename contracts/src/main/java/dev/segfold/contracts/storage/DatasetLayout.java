package dev.segfold.contracts.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Object keys of one data set in the data-set bucket, in the Medical Segmentation Decathlon
 * layout: {@code <dataset>/dataset.json}, {@code imagesTr/}, {@code labelsTr/}, {@code imagesTs/}.
 */
public final class DatasetLayout {

    /** The folders an MSD data set has. */
    public static final List<String> FOLDERS = List.of("imagesTr", "labelsTr", "imagesTs");

    private final String dataset;

    private DatasetLayout(String dataset) {
        this.dataset = KeySegments.require("dataset", dataset);
    }

    /** The layout of data set {@code dataset}, e.g. {@code Task04_Hippocampus}. */
    public static DatasetLayout of(String dataset) {
        return new DatasetLayout(dataset);
    }

    /** The data set's name, validated. */
    public String dataset() {
        return dataset;
    }

    /** {@code <dataset>/}. */
    public String prefix() {
        return dataset + "/";
    }

    /** {@code <dataset>/dataset.json}. */
    public String datasetJson() {
        return prefix() + "dataset.json";
    }

    /** {@code <dataset>/imagesTr/}. */
    public String imagesTrPrefix() {
        return prefix() + "imagesTr/";
    }

    /** {@code <dataset>/labelsTr/}. */
    public String labelsTrPrefix() {
        return prefix() + "labelsTr/";
    }

    /** {@code <dataset>/imagesTs/}. */
    public String imagesTsPrefix() {
        return prefix() + "imagesTs/";
    }

    /** {@code <dataset>/imagesTr/<case>.nii.gz}. */
    public String trainingImage(String caseId) {
        return imagesTrPrefix() + KeySegments.require("caseId", caseId) + RunLayout.NIFTI;
    }

    /** {@code <dataset>/labelsTr/<case>.nii.gz}. */
    public String trainingLabel(String caseId) {
        return labelsTrPrefix() + KeySegments.require("caseId", caseId) + RunLayout.NIFTI;
    }

    /** {@code <dataset>/imagesTs/<case>.nii.gz}. */
    public String testImage(String caseId) {
        return imagesTsPrefix() + KeySegments.require("caseId", caseId) + RunLayout.NIFTI;
    }

    /**
     * The key of a file named in {@code dataset.json} or found in a local copy of the data set,
     * such as {@code ./imagesTr/hippocampus_367.nii.gz}.
     *
     * @throws IllegalArgumentException if a segment is unsafe or the path leaves the data set
     */
    public String resolve(String relativePath) {
        if (relativePath == null || relativePath.isEmpty()) {
            throw new IllegalArgumentException("path in data set " + dataset + " is missing");
        }
        String path = relativePath.startsWith("./") ? relativePath.substring(2) : relativePath;
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(KeySegments.require("path segment of " + KeySegments.quote(relativePath), segment));
        }
        return prefix() + String.join("/", segments);
    }

    @Override
    public String toString() {
        return "DatasetLayout[" + dataset + "]";
    }
}
