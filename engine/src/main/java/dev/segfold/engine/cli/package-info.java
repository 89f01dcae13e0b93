/**
 * The engine's command line, in the spirit of nnU-Net's verbs ({@code ./segfold engine plan|
 * preprocess|train|evaluate|predict|ensemble|run|generate}). Each command parses options and
 * delegates to {@code dev.segfold.engine.workflow}, so tests exercise the same path a user does.
 */
package dev.segfold.engine.cli;
