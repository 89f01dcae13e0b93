/**
 * Checkpoints as they lie in the runs bucket: finding a fold's final checkpoint by its manifest
 * and downloading it with every file checked against the manifest's size and SHA-256.
 */
package dev.segfold.service.checkpoint;
