/**
 * The checkpoint manifest ({@code checkpoint.json}): what makes a checkpoint complete, and the
 * digest every consumer of a checkpoint derives its idempotency key from.
 */
package dev.segfold.contracts.checkpoint;
