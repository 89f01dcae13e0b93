/** The evaluator's own settings ({@code segfold.evaluator.*}). */
package dev.segfold.evaluator.config;
