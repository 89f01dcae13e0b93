package dev.segfold.client;

import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.topics.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code segfold.status} from its beginning (so nothing published before the client
 * started is missed), keeps the events of one run and redraws its progress until the submission is
 * ready or the run fails.
 */
final class StatusFollower {
    private final String bootstrapServers;
    private final PrintStream out;
    private final boolean terminal;

    StatusFollower(String bootstrapServers, PrintStream out, boolean terminal) {
        this.bootstrapServers = bootstrapServers;
        this.out = out;
        this.terminal = terminal;
    }

    RunProgress follow(String runId, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        saslFromEnvironment(p);
        RunProgress progress = new RunProgress(runId);
        Instant deadline = Instant.now().plus(timeout);
        int drawn = 0;
        long lastDraw = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.STATUS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            boolean changed = false;
            while (!progress.finished() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() == null || !(r.key().equals(runId) || r.key().startsWith(runId + "/"))) {
                        continue;
                    }
                    try {
                        changed |= progress.apply(ContractJson.read(r.value(), StatusEnvelope.class).event());
                    } catch (RuntimeException e) {
                        out.println("[segfold] ignoring an unreadable status event: " + e.getMessage());
                    }
                }
                long now = System.currentTimeMillis();
                if (changed && (progress.finished() || now - lastDraw > 2000)) {
                    drawn = draw(progress.render(), drawn);
                    lastDraw = now;
                    changed = false;
                }
            }
            if (changed) {
                draw(progress.render(), drawn);
            }
        }
        if (!progress.finished()) {
            throw new IllegalStateException("run " + runId + " did not finish within " + timeout);
        }
        return progress;
    }

    /**
     * A broker that takes SCRAM logins only (docker compose's, issue 10): SEGFOLD_KAFKA_USERNAME and
     * SEGFOLD_KAFKA_PASSWORD name the account (segfold-watcher reads segfold.status). The embedded
     * stack's broker listens on localhost without them.
     */
    private static void saslFromEnvironment(Properties p) {
        String user = System.getenv("SEGFOLD_KAFKA_USERNAME");
        String password = System.getenv("SEGFOLD_KAFKA_PASSWORD");
        if (user == null || user.isBlank()) {
            return;
        }
        if (password == null || password.contains("\"")) {
            throw new IllegalArgumentException("SEGFOLD_KAFKA_USERNAME is set, SEGFOLD_KAFKA_PASSWORD is missing or holds a quote");
        }
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
    }

    private int draw(List<String> lines, int previous) {
        if (terminal && previous > 0) {
            out.print("\033[" + previous + "F\033[J");
        } else if (!terminal) {
            out.println("[segfold] " + Instant.now());
        }
        lines.forEach(out::println);
        out.flush();
        return lines.size();
    }
}
