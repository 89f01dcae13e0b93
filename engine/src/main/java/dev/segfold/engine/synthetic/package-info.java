/**
 * A generator of small synthetic segmentation data sets in the MSD layout, for tests and the demo:
 * a bent, tapered body split into touching classes (like the anterior and posterior hippocampus)
 * among distractors of similar intensity, under noise and a bias field, so that a network has to
 * learn shape and context rather than a threshold.
 */
package dev.segfold.engine.synthetic;
