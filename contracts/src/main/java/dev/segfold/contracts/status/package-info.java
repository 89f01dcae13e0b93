/**
 * Status events on {@code segfold.status} as CloudEvents in structured mode
 * ({@link dev.segfold.contracts.status.StatusEnvelope}).
 */
package dev.segfold.contracts.status;
