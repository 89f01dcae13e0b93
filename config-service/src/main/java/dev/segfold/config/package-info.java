/**
 * config-service: the REST API of Segfold (DESIGN.md §5). It accepts runs (JSON or PaddleSeg YAML),
 * plans them with the engine, writes the run's files and per-fold configs to object storage, asks
 * the trainers for the folds, and projects every status event into a view of each run.
 */
package dev.segfold.config;
