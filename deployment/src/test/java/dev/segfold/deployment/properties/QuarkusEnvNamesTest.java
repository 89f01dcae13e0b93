package dev.segfold.deployment.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuarkusEnvNamesTest {

    @Test
    void dotsDashesAndQuotesBecomeUnderscoresInUpperCase() {
        assertEquals("SEGFOLD_S3_ACCESS_KEY", QuarkusEnvNames.of("segfold.s3.access-key"));
        assertEquals("KAFKA_BOOTSTRAP_SERVERS", QuarkusEnvNames.of("kafka.bootstrap.servers"));
        assertEquals("SEGFOLD_WORK_DIR", QuarkusEnvNames.of("segfold.work-dir"));
        assertEquals("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL",
                QuarkusEnvNames.of("quarkus.log.category.\"org.apache.kafka\".level"));
        assertEquals("SEGFOLD_WORK_DIR", QuarkusEnvNames.of("SEGFOLD_WORK_DIR"));
        assertThrows(IllegalArgumentException.class, () -> QuarkusEnvNames.of(""));
    }
}
