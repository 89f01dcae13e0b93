/**
 * A service's {@code application.properties} as the running (prod-profile) application sees it:
 * HTTP port, Kafka topics per channel, property expressions, and the environment-variable name
 * Quarkus maps to each property.
 */
package dev.segfold.deployment.properties;
