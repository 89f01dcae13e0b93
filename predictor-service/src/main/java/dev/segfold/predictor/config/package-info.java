/** The predictor's own settings ({@code segfold.predictor.*}). */
package dev.segfold.predictor.config;
