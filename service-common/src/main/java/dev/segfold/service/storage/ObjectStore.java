package dev.segfold.service.storage;

import dev.segfold.contracts.storage.ObjectKeys;
import io.minio.BucketExistsArgs;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Object storage for services: put, get, list and presign with keys checked by {@link ObjectKeys}
 * and downloads that can never write outside their target folder. Storage is the source of truth
 * for artifacts (DESIGN §3), so every method either succeeds or throws with the bucket and key.
 *
 * <p>A store that is away for a while (restarting, a network blip) is waited out: every operation
 * is retried with exponential backoff up to {@code segfold.s3.retry.deadline} ({@link StoreRetry});
 * refusals (403, NoSuchBucket, a bad key) are thrown at once.
 */
@ApplicationScoped
public class ObjectStore {
    private final MinioClient client;
    private final ObjectStoreConfig config;
    private final StoreRetry retry;
    /** Clients that only sign, one per public endpoint. */
    private final java.util.Map<URI, MinioClient> signers;

    @Inject
    public ObjectStore(ObjectStoreConfig config) {
        this(MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build(), config, new StoreRetry(config.retry().initialBackoff(), config.retry().maxBackoff(),
                config.retry().deadline()), new java.util.concurrent.ConcurrentHashMap<>());
    }

    private ObjectStore(MinioClient client, ObjectStoreConfig config, StoreRetry retry,
            java.util.Map<URI, MinioClient> signers) {
        this.client = client;
        this.config = config;
        this.retry = retry;
        this.signers = signers;
    }

    /**
     * The same store with another retry deadline: for callers on their own schedule, such as a
     * lease renewed every few seconds, which must not wait minutes for one attempt.
     */
    public ObjectStore withRetryDeadline(java.time.Duration deadline) {
        return new ObjectStore(client, config, new StoreRetry(retry.initialBackoff(),
                retry.maxBackoff(), deadline), signers);
    }

    /** The retry settings every operation uses. */
    public StoreRetry retry() {
        return retry;
    }

    public ObjectStoreConfig.Buckets buckets() {
        return config.buckets();
    }

    public void ensureBucket(String bucket) {
        call(bucket, "", () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).region(config.region()).build());
            }
            return null;
        });
    }

    public void put(String bucket, String key, Path file) {
        ObjectKeys.require("key", key);
        call(bucket, key, () -> client.uploadObject(
                UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString()).build()));
    }

    public void put(String bucket, String key, byte[] content, String contentType) {
        ObjectKeys.require("key", key);
        call(bucket, key, () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(content), content.length, -1).contentType(contentType).build()));
    }

    public byte[] get(String bucket, String key) {
        ObjectKeys.require("key", key);
        return call(bucket, key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    /**
     * The object's content, or empty if there is no such key (deleted since a notification named
     * it, for example); other errors are thrown as by {@link #get}.
     */
    public java.util.Optional<byte[]> getIfExists(String bucket, String key) {
        ObjectKeys.require("key", key);
        return call(bucket, key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return java.util.Optional.of(in.readAllBytes());
            } catch (ErrorResponseException e) {
                if (noSuchKey(e)) {
                    return java.util.Optional.<byte[]>empty();
                }
                throw e;
            }
        });
    }

    private static boolean noSuchKey(ErrorResponseException e) {
        return "NoSuchKey".equals(e.errorResponse().code()) || "NoSuchObject".equals(e.errorResponse().code());
    }

    /** Downloads one object to a file (parent folders are created). */
    public Path download(String bucket, String key, Path file) {
        ObjectKeys.require("key", key);
        return call(bucket, key, () -> {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            client.downloadObject(DownloadObjectArgs.builder().bucket(bucket).object(key)
                    .filename(file.toString()).build());
            return file;
        });
    }

    /**
     * Downloads every object under {@code prefix} into {@code folder}, keeping the key's path below
     * the prefix; a key whose relative path would leave the folder is refused.
     */
    public List<Path> downloadPrefix(String bucket, String prefix, Path folder) {
        List<Path> files = new ArrayList<>();
        Path root = folder.toAbsolutePath().normalize();
        for (String key : list(bucket, prefix)) {
            String relative = key.substring(prefix.length()).replaceFirst("^/+", "");
            Path target = root.resolve(relative).normalize();
            if (relative.isEmpty() || !target.startsWith(root)) {
                throw new IllegalArgumentException("object key '" + key + "' in bucket " + bucket
                        + " escapes the download folder " + root);
            }
            files.add(download(bucket, key, target));
        }
        return files;
    }

    public boolean exists(String bucket, String key) {
        return size(bucket, key).isPresent();
    }

    /** Keys under a prefix, recursively, in the store's order. */
    public List<String> list(String bucket, String prefix) {
        return call(bucket, prefix, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> r : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                Item item = r.get();
                if (!item.isDir()) {
                    keys.add(item.objectName());
                }
            }
            return keys;
        });
    }

    /**
     * The "folders" directly under a prefix (common prefixes up to the next {@code /}, each ending
     * in {@code /}), without listing what they hold: one request per thousand folders however many
     * objects each has.
     */
    public List<String> listFolders(String bucket, String prefix) {
        return call(bucket, prefix, () -> {
            List<String> folders = new ArrayList<>();
            for (Result<Item> r : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(false).build())) {
                Item item = r.get();
                if (item.isDir()) {
                    folders.add(item.objectName());
                }
            }
            return folders;
        });
    }

    /** An object in a listing: its key, size and ETag (quotes removed). */
    public record StoredObject(String key, long size, String etag) {
    }

    /**
     * Objects under a prefix with size and ETag, recursively, sorted by key: enough to tell whether
     * what a folder was downloaded from changed, without reading it.
     */
    public List<StoredObject> listObjects(String bucket, String prefix) {
        return call(bucket, prefix, () -> {
            List<StoredObject> objects = new ArrayList<>();
            for (Result<Item> r : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                Item item = r.get();
                if (!item.isDir()) {
                    String etag = item.etag() == null ? "" : item.etag().replace("\"", "");
                    objects.add(new StoredObject(item.objectName(), item.size(), etag));
                }
            }
            objects.sort(java.util.Comparator.comparing(StoredObject::key));
            return objects;
        });
    }

    public void remove(String bucket, String key) {
        ObjectKeys.require("key", key);
        call(bucket, key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /**
     * A time-limited GET URL of one object, signed for {@code endpoint}: the address the URL's
     * holder reaches the store at, which need not be the one this service uses (a signature
     * covers the host). Signing is local, no request is made. The URL is a credential until it
     * expires: hand it to the caller that asked, never to an event or a log line.
     */
    public String presignedGet(String bucket, String key, Duration validity, URI endpoint) {
        ObjectKeys.require("key", key);
        MinioClient signer = signers.computeIfAbsent(endpoint, e -> MinioClient.builder()
                .endpoint(e.toString())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build());
        return call(bucket, key, () -> signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.GET).bucket(bucket).object(key).expiry((int) validity.toSeconds()).build()));
    }

    /** The object's size in bytes, if it exists. */
    public java.util.OptionalLong size(String bucket, String key) {
        ObjectKeys.require("key", key);
        return call(bucket, key, () -> {
            try {
                return java.util.OptionalLong.of(client.statObject(StatObjectArgs.builder().bucket(bucket)
                        .object(key).build()).size());
            } catch (ErrorResponseException e) {
                if (noSuchKey(e)) {
                    return java.util.OptionalLong.empty();
                }
                throw e;
            }
        });
    }

    /** The object's content as a stream, for large objects passed on without holding them in memory; close it. */
    public InputStream open(String bucket, String key) {
        ObjectKeys.require("key", key);
        return call(bucket, key, () -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    /** Runs one operation with the store's retries; every failure names the bucket and key. */
    private <T> T call(String bucket, String key, StoreRetry.Operation<T> c) {
        return retry.run(bucket, key, c);
    }
}
