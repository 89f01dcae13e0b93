/**
 * Packaging a run from what storage holds: {@link dev.segfold.packager.service.RunPackager}
 * decides (idempotency by the manifest), {@link dev.segfold.packager.service.PackageBuilder}
 * gathers the objects and builds the archives.
 */
package dev.segfold.packager.service;
