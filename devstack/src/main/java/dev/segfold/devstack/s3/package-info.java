/**
 * The embedded S3 server ({@link dev.segfold.devstack.s3.EmbeddedS3}, S3Proxy over jclouds'
 * filesystem store) and its MinIO-format bucket notifications to Kafka
 * ({@link dev.segfold.devstack.s3.NotifyingBlobStore}, {@link dev.segfold.devstack.s3.MinioEventFormat}).
 */
package dev.segfold.devstack.s3;
