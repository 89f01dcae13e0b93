/**
 * The packager service: on {@code EnsemblePredicted} it stores the run's end product under
 * {@code <run>/package/}: the submission archive, one bundle per fold (what the seed's teammates
 * zipped by hand and sent by chat) and a manifest with digests, then announces
 * {@code SubmissionReady} with a presigned download URL.
 */
package dev.segfold.packager;
