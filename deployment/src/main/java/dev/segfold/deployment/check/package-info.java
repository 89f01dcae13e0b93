/**
 * The deployment held to the contracts: {@link dev.segfold.deployment.check.DeploymentCheck}
 * reads {@code docker-compose.yml}, the services' Dockerfiles, their
 * {@code application.properties} and {@code .env.example}
 * ({@link dev.segfold.deployment.check.Deployment}) and reports every
 * {@link dev.segfold.deployment.check.Finding} that would break a {@code docker compose up}:
 * a service, topic or bucket missing, a configuration key nothing provides, a port that differs
 * from {@code quarkus.http.port}, a trainer that cannot scale, a floating image.
 */
package dev.segfold.deployment.check;
