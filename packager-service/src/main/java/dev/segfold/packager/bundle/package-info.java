/**
 * Building the archives with no framework: zip entries that can never leave the folder they are
 * unpacked into, the training log read from {@code progress.csv} and drawn as {@code progress.png}.
 */
package dev.segfold.packager.bundle;
