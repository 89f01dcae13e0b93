/** Accepting a run: planning it with the engine, writing its files, requesting its folds; cancelling it. */
package dev.segfold.config.service;
