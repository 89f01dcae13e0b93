package dev.segfold.contracts.spec.paddleseg;

/**
 * A path of the author's file system in a PaddleSeg config, and the object-store location Segfold
 * uses for it instead; reported back to the user so nothing about paths is silently reinterpreted.
 *
 * @param field    the YAML path of the key, e.g. {@code train_dataset.raw_data_dir}
 * @param original the value as written, e.g. {@code data/raw_data}
 * @param mappedTo the location as an {@code s3://bucket/key} URI; digests and ids not known yet
 *                 appear as {@code {dataset digest}}-style placeholders
 */
public record PathMapping(String field, String original, String mappedTo) {
}
