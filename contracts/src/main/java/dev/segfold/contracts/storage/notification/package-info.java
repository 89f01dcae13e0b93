/**
 * MinIO-format bucket notifications as they arrive on {@code segfold.storage-events}:
 * {@link dev.segfold.contracts.storage.notification.StorageNotification#parse(byte[])} and the
 * key escaping ({@link dev.segfold.contracts.storage.notification.MinioKeyEscaping}) shared with
 * devstack, which writes them.
 */
package dev.segfold.contracts.storage.notification;
