/** Wires the devstack into {@code @QuarkusTest}s, so service tests talk to a real broker and S3 server. */
package dev.segfold.service.testing;
