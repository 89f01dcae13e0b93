package dev.segfold.deployment.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Compose client's own validation of docker-compose.yml ({@code config -q} parses, interpolates
 * and checks the file against the Compose schema without a Docker engine). Skipped where neither
 * {@code docker compose} nor {@code docker-compose} is installed: DeploymentComposeTest still
 * checks the file there.
 */
class ComposeClientTest {

    private static Path root;
    private static List<String> client;

    @BeforeAll
    static void findClient() throws IOException, InterruptedException {
        root = RepositoryRoot.find();
        client = List.of();
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            if (run(version, Optional.empty(), null).exitCode() == 0) {
                client = candidate;
                return;
            }
        }
    }

    @Test
    void theClientAcceptsTheFileWithTheDocumentedVariables(@TempDir Path scratch) throws Exception {
        assumeClient();
        Result result = run(config(root.resolve(Deployment.ENV_EXAMPLE)), Optional.empty(), scratch);
        assertEquals(0, result.exitCode(), () -> String.join(" ", client)
                + " config -q refused docker-compose.yml:\n" + result.output());
    }

    @Test
    void theClientRefusesToStartWithoutCredentials(@TempDir Path scratch) throws Exception {
        assumeClient();
        Path empty = Files.writeString(scratch.resolve("empty.env"), "# no variables\n");
        java.util.Set<String> documented = Deployment.readEnvFile(root.resolve(Deployment.ENV_EXAMPLE)).keySet();
        Result result = run(config(empty), Optional.of(documented), scratch);
        assertNotEquals(0, result.exitCode(), "the file was accepted without the secrets of .env.example");
        assertTrue(documented.stream().anyMatch(v -> result.output().contains("set " + v + " in .env (see .env.example)")),
                () -> "the refusal does not name a variable of .env.example:\n" + result.output());
    }

    private static void assumeClient() {
        Assumptions.assumeFalse(client.isEmpty(),
                "neither `docker compose` nor `docker-compose` is installed: only DeploymentComposeTest checked the file");
    }

    private static List<String> config(Path envFile) {
        List<String> command = new ArrayList<>(client);
        command.addAll(List.of("--env-file", envFile.toString(), "-f",
                root.resolve(Deployment.COMPOSE_FILE).toString(), "config", "-q"));
        return command;
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs {@code command} in the repository root, without the variables {@code unset}. */
    private static Result run(List<String> command, Optional<java.util.Set<String>> unset, Path scratch)
            throws IOException, InterruptedException {
        Path log = scratch == null ? Files.createTempFile("compose-client", ".log") : scratch.resolve("client.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        unset.ifPresent(names -> builder.environment().keySet().removeAll(names));
        try {
            Process process;
            try {
                process = builder.start();
            } catch (IOException notInstalled) {
                return new Result(-1, notInstalled.getMessage());
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-2, String.join(" ", command) + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            if (scratch == null) {
                Files.deleteIfExists(log);
            }
        }
    }
}
