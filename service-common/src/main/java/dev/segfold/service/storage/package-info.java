/** The object store as every service sees it: MinIO's Java client behind a small API with safe keys. */
package dev.segfold.service.storage;
