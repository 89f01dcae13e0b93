package dev.segfold.deployment.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServicePropertiesTest {

    private static ServiceProperties of(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return ServiceProperties.of(properties, "app.properties");
    }

    @Test
    void seesWhatTheProdProfileSees() throws IOException {
        ServiceProperties properties = of("""
                quarkus.http.port=8081
                %test.quarkus.http.port=0
                %prod.segfold.x=prod
                segfold.x=plain
                %dev,prod.segfold.y=both
                """);
        assertEquals(8081, properties.httpPort());
        assertEquals(Optional.of("prod"), properties.value("segfold.x"));
        assertEquals(Optional.of("both"), properties.value("segfold.y"));
    }

    @Test
    void listsTopicsWithTheConnectorsDefaults() throws IOException {
        ServiceProperties properties = of("""
                mp.messaging.incoming.requests.connector=smallrye-kafka
                mp.messaging.incoming.requests.topic=segfold.fold-requests
                mp.messaging.incoming.requests.failure-strategy=dead-letter-queue
                mp.messaging.incoming.requests.dead-letter-queue.topic=segfold.dead-letter.trainer-service
                mp.messaging.outgoing.status.connector=smallrye-kafka
                mp.messaging.incoming.other.connector=smallrye-kafka
                mp.messaging.incoming.other.topic=t
                mp.messaging.incoming.other.failure-strategy=dead-letter-queue
                mp.messaging.incoming.amqp.connector=smallrye-amqp
                mp.messaging.incoming.amqp.topic=ignored
                """);
        assertEquals(List.of(
                new TopicUse("other", TopicUse.Role.INCOMING, "t", "mp.messaging.incoming.other.topic"),
                new TopicUse("other", TopicUse.Role.DEAD_LETTER, "dead-letter-topic-other",
                        "mp.messaging.incoming.other.dead-letter-queue.topic (not set: the connector's default)"),
                new TopicUse("requests", TopicUse.Role.INCOMING, "segfold.fold-requests",
                        "mp.messaging.incoming.requests.topic"),
                new TopicUse("requests", TopicUse.Role.DEAD_LETTER, "segfold.dead-letter.trainer-service",
                        "mp.messaging.incoming.requests.dead-letter-queue.topic"),
                new TopicUse("status", TopicUse.Role.OUTGOING, "status",
                        "mp.messaging.outgoing.status.topic (not set: the channel name)")),
                properties.topics());
    }

    @Test
    void reportsExpressionsNothingResolves() throws IOException {
        ServiceProperties properties = of("""
                a=${b}
                b=${B_FROM_ENV}
                c=${MISSING}
                d=${MISSING_TOO:fine}
                %test.e=${TEST_ONLY}
                """);
        assertEquals(List.of("b: ${B_FROM_ENV}", "c: ${MISSING}"), properties.unresolvedExpressions(n -> false));
        assertEquals(List.of("c: ${MISSING}"), properties.unresolvedExpressions("B_FROM_ENV"::equals));
    }

    @Test
    void aMissingOrBadPortNamesTheFile() throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> of("a=1").httpPort());
        assertTrue(missing.getMessage().startsWith("app.properties: quarkus.http.port is not set"),
                missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> of("quarkus.http.port=${PORT}").httpPort());
    }
}
