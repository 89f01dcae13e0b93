package dev.segfold.engine.dataset;

/**
 * One {@code training} entry of {@code dataset.json}: paths relative to the data set folder, as
 * written there (usually {@code ./imagesTr/<case>.nii.gz} and {@code ./labelsTr/<case>.nii.gz}).
 */
public record TrainingPair(String image, String label) {}
