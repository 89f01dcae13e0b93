package dev.segfold.devstack.s3;

/** Where bucket notifications go: one Kafka record per event. */
public interface NotificationSink extends AutoCloseable {

    /**
     * Delivers one notification and returns once it is stored, or throws.
     *
     * @param key   {@code <bucket>/<object>}, not escaped (MinIO's Kafka key)
     * @param value the notification JSON
     */
    void publish(String key, String value) throws Exception;

    @Override
    void close();
}
