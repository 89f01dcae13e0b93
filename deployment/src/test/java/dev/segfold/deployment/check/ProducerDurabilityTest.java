package dev.segfold.deployment.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.topics.Service;
import dev.segfold.deployment.properties.ServiceProperties;
import dev.segfold.deployment.properties.TopicUse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost (issue 9): every producer of every service, each outgoing channel
 * and each dead-letter queue, is configured with {@code acks=all} and
 * {@code enable.idempotence=true}, also as the production profile resolves it. The SmallRye
 * connector defaults to {@code acks=1}, and a Kafka producer silently drops idempotence with it,
 * so both must be set on each channel; the dead-letter producer takes its settings from the
 * channel's {@code dead-letter-queue.*} keys.
 */
class ProducerDurabilityTest {
    private static final Map<String, String> REQUIRED = Map.of("acks", "all", "enable.idempotence", "true");

    @Test
    void everyProducerOfEveryServiceIsIdempotentWithAcksAll() {
        Path root = RepositoryRoot.find();
        List<String> problems = new ArrayList<>();
        int producers = 0;
        for (Service service : Service.values()) {
            ServiceProperties properties = ServiceProperties.load(Deployment.propertiesFile(root, service));
            problems.addAll(check(properties));
            producers += (int) properties.topics().stream().filter(u -> u.role() != TopicUse.Role.INCOMING).count();
        }
        assertEquals(List.of(), problems);
        assertTrue(producers >= 13, "every service's outgoing and dead-letter channels were found: " + producers);
    }

    @Test
    void aChannelWithoutThemOrWithAWeakerProfileIsNamed() {
        Properties p = new Properties();
        p.setProperty("mp.messaging.outgoing.status.connector", "smallrye-kafka");
        p.setProperty("mp.messaging.outgoing.status.topic", "segfold.status");
        p.setProperty("mp.messaging.outgoing.status.acks", "all");
        p.setProperty("mp.messaging.outgoing.status.enable.idempotence", "true");
        p.setProperty("%prod.mp.messaging.outgoing.status.acks", "1");
        p.setProperty("mp.messaging.incoming.in.connector", "smallrye-kafka");
        p.setProperty("mp.messaging.incoming.in.failure-strategy", "dead-letter-queue");
        p.setProperty("mp.messaging.incoming.in.dead-letter-queue.acks", "all");
        List<String> problems = check(ServiceProperties.of(p, "test"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("mp.messaging.incoming.in.dead-letter-queue.enable.idempotence is not set"),
                problems.toString());
        assertTrue(problems.get(1).contains("mp.messaging.outgoing.status.acks is 1"), "the production profile "
                + "counts: " + problems);
    }

    /** Every producer key that is missing or weaker than required, naming the file and key. */
    static List<String> check(ServiceProperties properties) {
        List<String> problems = new ArrayList<>();
        for (TopicUse use : properties.topics()) {
            if (use.role() == TopicUse.Role.INCOMING) {
                continue;
            }
            String prefix = use.role() == TopicUse.Role.OUTGOING ? "mp.messaging.outgoing." + use.channel() + "."
                    : "mp.messaging.incoming." + use.channel() + ".dead-letter-queue.";
            REQUIRED.forEach((name, value) -> {
                String found = properties.value(prefix + name).map(String::strip).orElse(null);
                if (!value.equals(found)) {
                    problems.add(properties.origin() + ": " + prefix + name + " is " + (found == null ? "not set"
                            : found) + ", needs " + value + " (" + use.role() + " " + use.topic() + ")");
                }
            });
        }
        problems.sort(null);
        return problems;
    }
}
