package dev.segfold.devstack;

import dev.segfold.contracts.storage.Buckets;
import dev.segfold.contracts.topics.TopicSpec;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.s3.NotificationFilter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link DevStack} starts with. Credentials are never defaulted here: a caller passes
 * them (the launcher its documented dev defaults) or asks for random ones.
 *
 * @param dataDir            where Kafka logs and objects live; null for a temporary directory
 *                           removed at stop
 * @param kafkaPort          Kafka client port, 0 for a free one
 * @param controllerPort     KRaft controller port, 0 for a free one
 * @param s3Port             S3 port, 0 for a free one
 * @param accessKey          the S3 access key
 * @param secretKey          its secret
 * @param region             reported in notifications
 * @param buckets            buckets to create
 * @param topics             topics to create
 * @param notificationTopic  topic bucket notifications go to
 * @param filters            notification filter per bucket; buckets not listed notify every object
 */
public record DevStackConfig(Path dataDir, int kafkaPort, int controllerPort, int s3Port, String accessKey,
                             String secretKey, String region, List<String> buckets, List<TopicSpec> topics,
                             String notificationTopic, Map<String, NotificationFilter> filters) {

    /** Default region, MinIO's default when one is set. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** Validates ports and credentials, copies collections. */
    public DevStackConfig {
        requirePort("kafkaPort", kafkaPort);
        requirePort("controllerPort", controllerPort);
        requirePort("s3Port", s3Port);
        if (accessKey == null || accessKey.length() < 3) {
            throw new IllegalArgumentException("accessKey must have at least 3 characters");
        }
        if (secretKey == null || secretKey.length() < 8) {
            throw new IllegalArgumentException("secretKey must have at least 8 characters");
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region is missing");
        }
        if (notificationTopic == null || notificationTopic.isBlank()) {
            throw new IllegalArgumentException("notificationTopic is missing");
        }
        buckets = List.copyOf(buckets);
        topics = List.copyOf(topics);
        filters = Map.copyOf(filters);
        for (String bucket : filters.keySet()) {
            if (!buckets.contains(bucket)) {
                throw new IllegalArgumentException("notification filter names bucket " + bucket
                        + ", which is not among the buckets " + buckets);
            }
        }
    }

    /**
     * Free ports, a temporary directory, random credentials, Segfold's buckets and topics, every
     * object notifying: what tests want.
     */
    public static DevStackConfig forTests() {
        return builder(randomToken(10), randomToken(20)).build();
    }

    /** A builder with Segfold's defaults and the given credentials. */
    public static Builder builder(String accessKey, String secretKey) {
        return new Builder(accessKey, secretKey);
    }

    /** Lowercase letters and digits from a secure random source. */
    public static String randomToken(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, length);
    }

    /** Every topic to create: the configured ones plus the notification topic. */
    public List<TopicSpec> topicsToCreate() {
        List<TopicSpec> all = new ArrayList<>(topics);
        if (all.stream().noneMatch(t -> t.name().equals(notificationTopic))) {
            all.add(new TopicSpec(notificationTopic, Topics.DEFAULT_PARTITIONS));
        }
        return all;
    }

    private static void requirePort(String field, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(field + " " + port + " is outside 0..65535");
        }
    }

    /** Builds a {@link DevStackConfig}; starts from Segfold's buckets, topics and notification topic. */
    public static final class Builder {
        private Path dataDir;
        private int kafkaPort;
        private int controllerPort;
        private int s3Port;
        private final String accessKey;
        private final String secretKey;
        private String region = DEFAULT_REGION;
        private final List<String> buckets = new ArrayList<>(List.of(
                Buckets.DEFAULT_DATASETS, Buckets.DEFAULT_RUNS, Buckets.DEFAULT_CACHE));
        private List<TopicSpec> topics = Topics.all();
        private String notificationTopic = Topics.STORAGE_EVENTS;
        private final Map<String, NotificationFilter> filters = new LinkedHashMap<>();

        private Builder(String accessKey, String secretKey) {
            this.accessKey = accessKey;
            this.secretKey = secretKey;
        }

        /** Keeps data in {@code dir} across restarts. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Fixed Kafka client port. */
        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        /** Fixed KRaft controller port. */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /** Fixed S3 port. */
        public Builder s3Port(int port) {
            this.s3Port = port;
            return this;
        }

        /** The region named in notifications. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** An additional bucket to create. */
        public Builder bucket(String bucket) {
            if (!buckets.contains(bucket)) {
                buckets.add(bucket);
            }
            return this;
        }

        /** The topics to create, replacing Segfold's. */
        public Builder topics(List<TopicSpec> topics) {
            this.topics = List.copyOf(topics);
            return this;
        }

        /** The topic notifications go to. */
        public Builder notificationTopic(String topic) {
            this.notificationTopic = topic;
            return this;
        }

        /** Restricts notifications of {@code bucket}, like {@code mc event add --prefix --suffix}. */
        public Builder filter(String bucket, NotificationFilter filter) {
            filters.put(bucket, filter);
            return this;
        }

        /** The configuration. */
        public DevStackConfig build() {
            return new DevStackConfig(dataDir, kafkaPort, controllerPort, s3Port, accessKey, secretKey, region,
                    buckets, topics, notificationTopic, filters);
        }
    }
}
