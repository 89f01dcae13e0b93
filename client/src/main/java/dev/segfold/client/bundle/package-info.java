/**
 * Fold bundles made by the packager, imported into another run's layout
 * ({@link dev.segfold.client.bundle.BundleImport}, behind {@code ./segfold import}).
 */
package dev.segfold.client.bundle;
