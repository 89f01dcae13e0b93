/**
 * What a run expects, read from its {@code run.json} in the runs bucket: data set, configuration,
 * folds trained here and folds imported. Read tolerantly, so the config-service can add fields.
 */
package dev.segfold.service.run;
