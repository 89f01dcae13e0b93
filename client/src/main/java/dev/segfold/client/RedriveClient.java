package dev.segfold.client;

import dev.segfold.client.redrive.DeadLetterRedrive;
import dev.segfold.contracts.topics.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./segfold redrive SERVICE}: re-publishes the service's dead letters
 * ({@code segfold.dead-letter.<service>}) to the topics they came from, once each; run it after
 * fixing what made the service refuse them.
 */
@Command(name = "segfold redrive", mixinStandardHelpOptions = true,
        description = "Re-publish a service's dead letters to the topic each came from (each once).")
public final class RedriveClient implements Callable<Integer> {
    @Parameters(index = "0", description = "the service: config-service, trainer-service, evaluator-service, "
            + "predictor-service or packager-service (the -service may be left out)")
    String service;

    @Option(names = "--endpoints", defaultValue = ".segfold/endpoints.properties",
            description = "endpoints file of ./segfold up (default: ${DEFAULT-VALUE}); else KAFKA_BOOTSTRAP_SERVERS")
    Path endpoints;

    @Option(names = "--wait-seconds", defaultValue = "60", description = "give up after (default: ${DEFAULT-VALUE})")
    int waitSeconds;

    public static void main(String[] args) {
        ClientCommandLine.runAndExit(new RedriveClient(), args);
    }

    @Override
    public Integer call() throws Exception {
        Service which = Arrays.stream(Service.values())
                .filter(s -> s.id().equals(service) || s.id().equals(service + "-service")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("SERVICE: '" + service + "' is not one of "
                        + Arrays.stream(Service.values()).map(Service::id).toList()));
        String bootstrap = StackEndpoints.load(endpoints).bootstrapServers();
        DeadLetterRedrive.Result result = DeadLetterRedrive.run(Map.of("bootstrap.servers", bootstrap), which,
                Duration.ofSeconds(waitSeconds));
        result.skipped().forEach(s -> System.out.println("[segfold] not redriven: " + s));
        System.out.println("[segfold] redrove " + result.total() + " dead letters of " + result.deadLetterTopic()
                + (result.redriven().isEmpty() ? "" : " " + result.redriven()));
        return result.skipped().isEmpty() ? 0 : 2;
    }
}
