/**
 * What {@code ./segfold run} sends and shows: the run request assembled from a spec file, the
 * command's flags and {@code --set} assignments, and the effective settings the server answered.
 */
package dev.segfold.client.request;
