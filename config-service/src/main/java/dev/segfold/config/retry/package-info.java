/**
 * What happens after a fold failed (issue 9): a retryable training failure is requested again with
 * its attempt count after a backoff ({@link dev.segfold.config.retry.RetryPolicy}); after the last
 * attempt, or after a failure that cannot heal, the fold and its run fail for good
 * ({@code RunFailed}); {@code POST /runs/{id}/retry} starts a new round of attempts. Each fold's
 * attempts are recorded in the runs bucket ({@link dev.segfold.config.retry.FoldAttempts}), so a
 * restart that replays {@code segfold.status} decides nothing twice.
 */
package dev.segfold.config.retry;
