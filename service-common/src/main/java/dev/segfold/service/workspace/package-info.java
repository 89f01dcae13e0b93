/**
 * Local copies of what a service works on: data sets and a run's plans and split, downloaded from
 * the object store once into the service's work folder, then opened with the engine.
 */
package dev.segfold.service.workspace;
