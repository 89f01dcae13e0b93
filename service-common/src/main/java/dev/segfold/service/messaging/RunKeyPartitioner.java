package dev.segfold.service.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * Puts every record of one run on one partition: the partition of the key's run id (the part
 * before the first {@code /} of {@code runId/stage/fold}), hashed as Kafka's default partitioner
 * hashes a key. On {@code segfold.evaluations} this makes one predictor instance see all of a run's
 * evaluations, in order, so that two predictors never both find the run complete and build its
 * ensemble twice (the per-run lock and the ensemble marker then suffice; issue 9).
 */
public final class RunKeyPartitioner implements Partitioner {

    /** The run id of a {@code runId/stage/fold} or {@code runId} key. */
    static String runOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    /** The partition of {@code key} among {@code partitions}. */
    static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(runOf(key).getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        if (!(key instanceof String k)) {
            throw new IllegalArgumentException("RunKeyPartitioner: records on " + topic
                    + " need a runId/stage/fold key, got " + key);
        }
        return partition(k, cluster.partitionCountForTopic(topic));
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}
