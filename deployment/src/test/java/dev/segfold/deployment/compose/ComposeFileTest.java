package dev.segfold.deployment.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ComposeFileTest {

    private static final String YAML = """
            x-env: &env
              A: "1"
              FLAG: on
            services:
              web:
                image: nginx:1.27
                container_name: web
                ports:
                  - "8080:80"
                  - "127.0.0.1:9443:443/tcp"
                  - 5000
                  - target: 7000
                    published: 7001
                expose: ["9000", 9001]
                environment:
                  <<: *env
                  B: two
                volumes:
                  - data:/var/data:ro
                  - /scratch
                depends_on: [db]
                healthcheck:
                  test: ["CMD", "curl", "-f", "http://localhost:80/"]
              db:
                build: ./db
                environment:
                  - PASSWORD=${DB_PASSWORD:?set it}
                depends_on:
                  init:
                    condition: service_completed_successfully
                command: ["postgres", "-c", "fsync=off"]
              init:
                build:
                  context: ./init
                  dockerfile: Init.Dockerfile
                entrypoint: ["/bin/sh", "-c"]
                command: echo ready
                restart: "no"
            volumes:
              data:
            """;

    @Test
    void readsServicesWithEveryShortAndLongSyntax() {
        ComposeFile file = ComposeFile.parse(YAML, "test.yml");
        ComposeService web = file.service("web");
        assertEquals(Optional.of("nginx:1.27"), web.image());
        assertEquals(Optional.of("web"), web.containerName());
        assertEquals(List.of(
                new PortMapping(Optional.empty(), OptionalInt.of(8080), 80),
                new PortMapping(Optional.of("127.0.0.1"), OptionalInt.of(9443), 443),
                new PortMapping(Optional.empty(), OptionalInt.empty(), 5000),
                new PortMapping(Optional.empty(), OptionalInt.of(7001), 7000)), web.ports());
        assertEquals(List.of(9000, 9001), web.expose());
        assertEquals(Optional.of("1"), web.env("A"), "merged from the anchor");
        assertEquals(Boolean.TRUE, web.environment().get("FLAG"), "YAML 1.1 reads a bare on as a boolean");
        assertEquals(Optional.of("two"), web.env("B"));
        assertEquals(List.of(new VolumeMount(Optional.of("data"), "/var/data"),
                new VolumeMount(Optional.empty(), "/scratch")), web.volumes());
        assertEquals(Map.of("db", ComposeService.SERVICE_STARTED), web.dependsOn());
        assertEquals("http://localhost:80/", web.healthcheck().get(3));

        ComposeService db = file.service("db");
        assertEquals(Optional.of(new BuildSpec("./db", "Dockerfile")), db.build());
        assertEquals(Optional.of("${DB_PASSWORD:?set it}"), db.env("PASSWORD"));
        assertEquals(Map.of("init", "service_completed_successfully"), db.dependsOn());
        assertEquals(List.of("postgres", "-c", "fsync=off"), db.command());

        ComposeService init = file.service("init");
        assertEquals(Optional.of(new BuildSpec("./init", "Init.Dockerfile")), init.build());
        assertEquals("/bin/sh\n-c\necho ready", init.script());
        assertEquals(Optional.of("no"), init.restart());
        assertTrue(file.namedVolumes().contains("data"));
    }

    @Test
    void refusesDuplicateKeysAndWrongShapesNamingTheField() {
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class, () -> ComposeFile.parse(
                "services:\n  a:\n    image: x:1\n  a:\n    image: y:1\n", "dup.yml"));
        assertTrue(duplicate.getMessage().startsWith("dup.yml: not valid YAML"), duplicate.getMessage());
        IllegalArgumentException ports = assertThrows(IllegalArgumentException.class, () -> ComposeFile.parse(
                "services:\n  a:\n    ports:\n      - \"80-81:80-81\"\n", "ports.yml"));
        assertTrue(ports.getMessage().startsWith("ports.yml: services.a.ports[0]"), ports.getMessage());
        IllegalArgumentException environment = assertThrows(IllegalArgumentException.class, () -> ComposeFile.parse(
                "services:\n  a:\n    environment:\n      - HOME\n", "env.yml"));
        assertTrue(environment.getMessage().contains("services.a.environment[0]"), environment.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ComposeFile.parse("volumes: {}\n", "none.yml"));
        assertEquals("none.yml: services: no service defined", none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ComposeFile.parse("services: {}\n", "x").service("b"));
    }

    @Test
    void refusesTypedYaml() {
        IllegalArgumentException typed = assertThrows(IllegalArgumentException.class, () -> ComposeFile.parse(
                "services: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n", "typed.yml"));
        assertTrue(typed.getMessage().startsWith("typed.yml: not valid YAML"), typed.getMessage());
    }
}
