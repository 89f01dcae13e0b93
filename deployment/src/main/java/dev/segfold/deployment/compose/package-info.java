/**
 * A read-only model of a Compose file ({@link dev.segfold.deployment.compose.ComposeFile}), of
 * Compose's variable interpolation ({@link dev.segfold.deployment.compose.ComposeVariables}), of
 * image references and of the Dockerfiles the services are built from.
 */
package dev.segfold.deployment.compose;
