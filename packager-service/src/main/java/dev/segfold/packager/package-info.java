/**
 * The packager service: on {@code EnsemblePredicted} it stores the run's end product under
 * {@code <run>/package/}: the submission archive, one bundle per fold (what the seed's teammates
 * zipped by hand and sent by chat) and a manifest with digests, then announces
 * {@code SubmissionReady} (keys and digests; never a download URL, which would be a credential on the bus).
 */
package dev.segfold.packager;
