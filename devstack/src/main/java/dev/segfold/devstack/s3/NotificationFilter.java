package dev.segfold.devstack.s3;

/**
 * Which objects of a bucket produce notifications, like MinIO's {@code mc event add --prefix
 * --suffix}: the object key must start with {@code prefix} and end with {@code suffix}.
 *
 * @param prefix required key prefix, empty for any
 * @param suffix required key suffix, empty for any, e.g. {@code checkpoint.json}
 */
public record NotificationFilter(String prefix, String suffix) {

    /** Every object. */
    public static final NotificationFilter ALL = new NotificationFilter("", "");

    /** Treats null as empty. */
    public NotificationFilter {
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
    }

    /** Objects whose key ends with {@code suffix}. */
    public static NotificationFilter suffix(String suffix) {
        return new NotificationFilter("", suffix);
    }

    /** True if {@code objectKey} passes. */
    public boolean matches(String objectKey) {
        return objectKey.startsWith(prefix) && objectKey.endsWith(suffix);
    }
}
