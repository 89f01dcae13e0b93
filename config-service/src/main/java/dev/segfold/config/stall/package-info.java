/**
 * Folds whose trainer stopped renewing its lease: shown as stalled ("trainer lost, awaiting
 * takeover") in {@code GET /runs/{id}}, read from the lease objects in the runs bucket.
 */
package dev.segfold.config.stall;
