/**
 * The command-line client behind {@code ./segfold run}: uploads a data set with a plain S3 client,
 * submits the run to the config-service, follows the run's CloudEvents on {@code segfold.status}
 * (a progress bar per fold) and downloads the package when the submission is ready.
 */
package dev.segfold.client;
