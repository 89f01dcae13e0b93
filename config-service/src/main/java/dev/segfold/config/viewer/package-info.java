/**
 * What the dashboard's run page and 3D viewer read besides the run view: a run's cases (test cases
 * with an ensemble prediction, validation cases with their fold and Dice), the postprocessing
 * choices, and the NIfTI volumes themselves ({@code GET /runs/{id}/volumes/{case}/{volume}}), each
 * looked up by a key built from validated segments only, so no request can read outside the run's
 * prefix or its data set's.
 */
package dev.segfold.config.viewer;
