/**
 * The deployment as data: {@code docker-compose.yml}, the services' Dockerfiles and their
 * {@code application.properties}, read without a Docker engine so that a test can hold the
 * deployment to the contracts (topics, buckets, configuration keys, ports).
 */
package dev.segfold.deployment;
