package dev.segfold.deployment.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileTest {

    @Test
    void readsBaseImagesCopiesPortsAndEnvironment() {
        Dockerfile dockerfile = Dockerfile.parse("""
                # build first
                FROM eclipse-temurin:17-jre AS run
                RUN apt-get update \\
                    && apt-get install -y libjemalloc2
                ENV LD_PRELOAD=/usr/lib/libjemalloc.so.2 \\
                    MALLOC_CONF=dirty_decay_ms:-1 \\
                    GREETING="hello world"
                ENV LEGACY value with spaces
                COPY target/quarkus-app/lib/ quarkus-app/lib/
                COPY --chown=1000 target/quarkus-app/*.jar target/quarkus-app/app/ quarkus-app/
                COPY ["target/quarkus-app/quarkus/", "quarkus-app/quarkus/"]
                COPY --from=build /out /out
                EXPOSE 8081 9000/tcp
                """, "Dockerfile");
        assertEquals(List.of("eclipse-temurin:17-jre"), dockerfile.baseImages());
        assertEquals(List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/"), dockerfile.copySources());
        assertEquals(List.of(8081, 9000), dockerfile.exposedPorts());
        assertEquals(Map.of("LD_PRELOAD", "/usr/lib/libjemalloc.so.2", "MALLOC_CONF", "dirty_decay_ms:-1",
                "GREETING", "hello world", "LEGACY", "value with spaces"), dockerfile.environment());
    }

    @Test
    void namesTheFileInErrors() {
        IllegalArgumentException copy = assertThrows(IllegalArgumentException.class,
                () -> Dockerfile.parse("FROM x:1\nCOPY onlyone\n", "svc/Dockerfile"));
        assertTrue(copy.getMessage().startsWith("svc/Dockerfile: COPY onlyone"), copy.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> Dockerfile.parse("FROM x:1\nEXPOSE $PORT\n", "svc/Dockerfile"));
        assertTrue(port.getMessage().startsWith("svc/Dockerfile: EXPOSE"), port.getMessage());
    }
}
