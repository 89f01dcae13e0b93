/**
 * Bearer tokens of the embedded stack: {@link dev.segfold.devstack.auth.ApiKeys} keeps an RSA key
 * pair under {@code .segfold/} and signs JWTs with a role ({@link dev.segfold.contracts.access.ApiRole});
 * {@link dev.segfold.devstack.auth.ApiTokenMain} is what {@code ./segfold up} and
 * {@code ./segfold token} run. The config-service verifies these tokens with the public key only.
 */
package dev.segfold.devstack.auth;
