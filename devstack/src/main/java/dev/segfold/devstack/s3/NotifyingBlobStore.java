package dev.segfold.devstack.s3;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BlobStore that publishes a MinIO-format bucket notification after every object created or
 * removed through it, once the wrapped store has succeeded. S3Proxy calls it for every request.
 *
 * <p>S3Proxy keeps a 0-byte stub blob named after the upload id while a multipart upload is in
 * progress (filesystem and transient stores); those are bookkeeping, not objects, so the ids are
 * remembered at initiation and their stub's put and removal produce no event.
 *
 * <p>A failed publication is logged and does not fail the S3 request: the object is stored,
 * which is what MinIO does when its notification target is down and it has no queue.
 */
public final class NotifyingBlobStore extends ForwardingBlobStore {

    /** MinIO's event name for a single-request upload. */
    public static final String PUT = "s3:ObjectCreated:Put";
    /** MinIO's event name for a completed multipart upload. */
    public static final String COMPLETE_MULTIPART = "s3:ObjectCreated:CompleteMultipartUpload";
    /** MinIO's event name for a server-side copy. */
    public static final String COPY = "s3:ObjectCreated:Copy";
    /** MinIO's event name for a removal. */
    public static final String DELETE = "s3:ObjectRemoved:Delete";

    private static final Logger LOG = LoggerFactory.getLogger(NotifyingBlobStore.class);

    private final NotificationSink sink;
    private final MinioEventFormat format;
    private final Clock clock;
    private final Map<String, NotificationFilter> filters = new ConcurrentHashMap<>();
    private final Set<String> multipartStubs = ConcurrentHashMap.newKeySet();

    /**
     * @param delegate the store that keeps the objects
     * @param sink     where notifications go
     * @param format   how they are written
     */
    public NotifyingBlobStore(BlobStore delegate, NotificationSink sink, MinioEventFormat format, Clock clock) {
        super(delegate);
        this.sink = sink;
        this.format = format;
        this.clock = clock;
    }

    /**
     * Restricts the notifications of {@code bucket} to keys matching {@code filter}
     * (like {@code mc event add --suffix}); without one, every object notifies.
     */
    public void setFilter(String bucket, NotificationFilter filter) {
        filters.put(bucket, filter);
    }

    /** Removes the filter of {@code bucket}: every object notifies again. */
    public void clearFilter(String bucket) {
        filters.remove(bucket);
    }

    @Override
    public String putBlob(String container, Blob blob) {
        String eTag = super.putBlob(container, blob);
        afterPut(container, blob.getMetadata().getName());
        return eTag;
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        String eTag = super.putBlob(container, blob, options);
        afterPut(container, blob.getMetadata().getName());
        return eTag;
    }

    @Override
    public MultipartUpload initiateMultipartUpload(String container, BlobMetadata metadata, PutOptions options) {
        MultipartUpload upload = super.initiateMultipartUpload(container, metadata, options);
        multipartStubs.add(stubKey(container, upload.id()));
        return upload;
    }

    @Override
    public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
        String eTag = super.completeMultipartUpload(upload, parts);
        created(COMPLETE_MULTIPART, upload.containerName(), upload.blobName());
        return eTag;
    }

    @Override
    public String copyBlob(String fromContainer, String fromName, String toContainer, String toName,
                           CopyOptions options) {
        String eTag = super.copyBlob(fromContainer, fromName, toContainer, toName, options);
        created(COPY, toContainer, toName);
        return eTag;
    }

    @Override
    public void removeBlob(String container, String name) {
        super.removeBlob(container, name);
        afterRemove(container, name);
    }

    @Override
    public void removeBlobs(String container, Iterable<String> names) {
        super.removeBlobs(container, names);
        for (String name : names) {
            afterRemove(container, name);
        }
    }

    private void afterPut(String container, String name) {
        if (multipartStubs.contains(stubKey(container, name))) {
            return;
        }
        created(PUT, container, name);
    }

    private void afterRemove(String container, String name) {
        if (multipartStubs.remove(stubKey(container, name))) {
            return;
        }
        publish(DELETE, container, name, null);
    }

    private void created(String eventName, String container, String name) {
        if (!filterOf(container).matches(name)) {
            return;
        }
        BlobMetadata metadata = delegate().blobMetadata(container, name);
        MinioEventFormat.ObjectInfo info = metadata == null ? null : new MinioEventFormat.ObjectInfo(
                sizeOf(metadata), unquote(metadata.getETag()), metadata.getContentMetadata().getContentType(),
                metadata.getUserMetadata());
        publish(eventName, container, name, info);
    }

    private void publish(String eventName, String container, String name, MinioEventFormat.ObjectInfo info) {
        if (!filterOf(container).matches(name)) {
            return;
        }
        String value = format.format(eventName, container, name, info, clock.instant());
        try {
            sink.publish(container + "/" + name, value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while publishing {} of {}/{}", eventName, container, name);
        } catch (Exception e) {
            LOG.error("could not publish {} of {}/{}: {}", eventName, container, name, e.toString());
        }
    }

    private NotificationFilter filterOf(String container) {
        return filters.getOrDefault(container, NotificationFilter.ALL);
    }

    private static long sizeOf(BlobMetadata metadata) {
        Long length = metadata.getContentMetadata().getContentLength();
        if (length != null) {
            return length;
        }
        return metadata.getSize() == null ? 0 : metadata.getSize();
    }

    private static String unquote(String eTag) {
        if (eTag == null) {
            return null;
        }
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1) : eTag;
    }

    private static String stubKey(String container, String name) {
        return container + '\u0000' + name;
    }
}
