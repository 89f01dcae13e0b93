package dev.segfold.deployment.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.storage.Buckets;
import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.deployment.compose.ComposeFile;
import dev.segfold.deployment.compose.ComposeService;
import dev.segfold.deployment.properties.QuarkusEnvNames;
import dev.segfold.deployment.properties.ServiceProperties;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml at the repository root against the services' application.properties, the
 * topics of {@link Topics}, the buckets of {@link Buckets} and .env.example; then, on altered
 * copies of the same files, that the check reports each kind of mistake by service and key.
 */
class DeploymentComposeTest {

    private static Path root;
    private static Deployment deployment;
    private static String composeText;

    @BeforeAll
    static void load() throws IOException {
        root = RepositoryRoot.find();
        deployment = Deployment.load(root);
        composeText = Files.readString(root.resolve(Deployment.COMPOSE_FILE), StandardCharsets.UTF_8);
    }

    @Test
    void theRepositoryDeploymentMatchesTheContracts() {
        List<Finding> findings = DeploymentCheck.run(deployment);
        assertEquals(List.of(), findings, () -> "docker-compose.yml does not match the services:\n"
                + findings.stream().map(Finding::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void everyServiceHasItsComposeServiceWithTheConfigurationItNeeds() {
        for (Service service : Service.values()) {
            ComposeService composeService = deployment.compose().service(service.id());
            ServiceProperties properties = deployment.properties().get(service);
            assertTrue(properties != null, service.id() + ": no application.properties");
            for (String key : ServiceConfigurationRules.REQUIRED_KEYS) {
                String variable = QuarkusEnvNames.of(key);
                assertTrue(composeService.env(variable).isPresent(),
                        service.id() + ": " + variable + " (" + key + ") is not set");
            }
            assertTrue(composeService.ports().stream().allMatch(p -> p.containerPort() == properties.httpPort())
                            && composeService.expose().stream().allMatch(p -> p == properties.httpPort()),
                    service.id() + ": ports differ from quarkus.http.port " + properties.httpPort());
        }
        ComposeService config = deployment.compose().service(Service.CONFIG.id());
        assertTrue(config.ports().stream().anyMatch(p -> p.hostPort().orElse(-1) == 8080 && p.containerPort() == 8080
                        && p.hostIp().orElse("").equals("${SEGFOLD_BIND_ADDRESS:-127.0.0.1}")),
                "config-service: the REST API is not published on 127.0.0.1:8080 (widened by SEGFOLD_BIND_ADDRESS)");
    }

    @Test
    void aTrainerWithAFixedNameOrHostPortCannotScale() {
        List<Finding> findings = check(composeText.replace(
                "    image: segfold/trainer-service:0.1.0-SNAPSHOT\n    expose:\n      - \"8081\"\n",
                "    image: segfold/trainer-service:0.1.0-SNAPSHOT\n    container_name: trainer\n"
                        + "    ports:\n      - \"8081:8081\"\n"));
        assertFinding(findings, "trainer-service", "container_name");
        assertFinding(findings, "trainer-service", "ports");
    }

    @Test
    void aSharedTrainerWorkFolderIsReported() {
        List<Finding> findings = check(mutate("    volumes:\n      - /work\n",
                "    volumes:\n      - trainer-work:/work\n"));
        assertFinding(findings, "trainer-service", "volumes");
    }

    @Test
    void aMissingCredentialIsReportedForEveryService() {
        List<Finding> findings = check(mutate("  KAFKA_SASL_MECHANISM: SCRAM-SHA-512\n", ""));
        for (Service service : Service.values()) {
            assertFinding(findings, service.id(), "environment.KAFKA_SASL_MECHANISM");
        }
    }

    @Test
    void aCredentialWrittenIntoTheFileIsReported() {
        List<Finding> findings = check(mutate(
                "SEGFOLD_S3_SECRET_KEY: ${S3_SECRET_TRAINER:?set S3_SECRET_TRAINER in .env (see .env.example)}",
                "SEGFOLD_S3_SECRET_KEY: hunter2hunter2"));
        assertFinding(findings, Service.TRAINER.id(), "environment.SEGFOLD_S3_SECRET_KEY");
        List<Finding> jaas = check(mutate("password=\"${KAFKA_PASSWORD_EVALUATOR:?set KAFKA_PASSWORD_EVALUATOR in .env "
                + "(see .env.example)}\"", "password=\"hunter2hunter2\""));
        assertFinding(jaas, Service.EVALUATOR.id(), "environment.KAFKA_SASL_JAAS_CONFIG");
        List<Finding> defaulted = check(composeText.replace(
                "MINIO_ROOT_PASSWORD: ${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD in .env (see .env.example)}\n"
                        + "      # Kafka",
                "MINIO_ROOT_PASSWORD: ${MINIO_ROOT_PASSWORD:-minio123}\n      # Kafka"));
        assertFinding(defaulted, "minio", "environment.MINIO_ROOT_PASSWORD");
    }

    @Test
    void aServiceWithMinioRootCredentialsOrAnotherServicesAccountIsReported() {
        List<Finding> root = check(mutate(
                "SEGFOLD_S3_SECRET_KEY: ${S3_SECRET_PACKAGER:?set S3_SECRET_PACKAGER in .env (see .env.example)}",
                "SEGFOLD_S3_SECRET_KEY: ${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD in .env (see .env.example)}"));
        assertFinding(root, Service.PACKAGER.id(), "environment.SEGFOLD_S3_SECRET_KEY");
        List<Finding> sharedUser = check(mutate("SEGFOLD_S3_ACCESS_KEY: segfold-evaluator",
                "SEGFOLD_S3_ACCESS_KEY: segfold-trainer"));
        assertFinding(sharedUser, Service.EVALUATOR.id(), "environment.SEGFOLD_S3_ACCESS_KEY");
        List<Finding> sharedPrincipal = check(mutate("username=\"segfold-predictor\"", "username=\"segfold-trainer\""));
        assertFinding(sharedPrincipal, Service.PREDICTOR.id(), "environment.KAFKA_SASL_JAAS_CONFIG");
        List<Finding> noUser = check(mutate("        add_user segfold-config \"$${S3_SECRET_CONFIG}\"\n", ""));
        assertFinding(noUser, "minio-init", "command");
    }

    @Test
    void aPortOnEveryInterfaceIsReportedAndTheDefaultMustBeLoopback() {
        assertFinding(check(mutate("- \"${SEGFOLD_BIND_ADDRESS:-127.0.0.1}:9000:9000\"", "- \"9000:9000\"")), "minio",
                "ports: 9000:9000");
        assertFinding(check(mutate("- \"${SEGFOLD_BIND_ADDRESS:-127.0.0.1}:8080:8080\"",
                "- \"${SEGFOLD_BIND_ADDRESS:-0.0.0.0}:8080:8080\"")), "config-service",
                "ports: ${SEGFOLD_BIND_ADDRESS:-0.0.0.0}:8080:8080");
        assertFinding(check(mutate("- \"${SEGFOLD_BIND_ADDRESS:-127.0.0.1}:9094:9094\"", "- \"0.0.0.0:9094:9094\"")),
                "kafka", "ports: 0.0.0.0:9094:9094");
    }

    @Test
    void aBrokerThatLetsAnyoneInIsReported() {
        assertFinding(check(mutate("SERVICES:SASL_PLAINTEXT", "SERVICES:PLAINTEXT")), "kafka",
                "environment.KAFKA_LISTENERS");
        assertFinding(check(mutate("KAFKA_SUPER_USERS: User:ANONYMOUS", "KAFKA_SUPER_USERS: User:ANONYMOUS;User:admin")),
                "kafka", "environment.KAFKA_SUPER_USERS");
        assertFinding(check(mutate("      KAFKA_AUTHORIZER_CLASS_NAME: org.apache.kafka.metadata.authorizer.StandardAuthorizer\n",
                "")), "kafka", "environment.KAFKA_AUTHORIZER_CLASS_NAME");
        assertFinding(check(mutate("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: \"false\"",
                "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: \"true\"")), "kafka", "environment.KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND");
        assertFinding(check(mutate("  KAFKA_SECURITY_PROTOCOL: SASL_PLAINTEXT\n", "  KAFKA_SECURITY_PROTOCOL: PLAINTEXT\n")),
                Service.CONFIG.id(), "environment.KAFKA_SECURITY_PROTOCOL");
        assertFinding(check(mutate("MINIO_NOTIFY_KAFKA_SASL_SEGFOLD: \"on\"", "MINIO_NOTIFY_KAFKA_SASL_SEGFOLD: \"off\"")),
                "minio", "environment.MINIO_NOTIFY_KAFKA_SASL_SEGFOLD");
        assertFinding(check(mutate("    network_mode: \"service:kafka\"\n", "")), "kafka-init", "network_mode");
    }

    @Test
    void aclsAreExactlyWhatEachServicesChannelsUse() {
        assertFinding(check(mutate("        allow segfold-trainer Read --group trainer-service\n", "")), "kafka-init",
                "command: allow segfold-trainer");
        assertFinding(check(mutate("        allow segfold-evaluator Write --topic segfold.status\n",
                "        allow segfold-evaluator Write --topic segfold.status\n"
                        + "        allow segfold-evaluator Write --topic segfold.fold-requests\n")), "kafka-init",
                "command: allow segfold-evaluator");
        assertFinding(check(mutate("        allow segfold-minio Write --topic segfold.storage-events\n",
                "        allow segfold-minio Write --topic segfold.storage-events\n"
                        + "        allow segfold-minio Read --topic segfold.status\n")), "kafka-init",
                "command: allow segfold-minio");
        assertFinding(check(mutate("        allow segfold-watcher Read --topic segfold.status\n",
                "        allow segfold-watcher Write --topic segfold.fold-requests\n")), "kafka-init",
                "command: allow segfold-watcher");
        assertFinding(check(mutate("account segfold-packager \"$${KAFKA_PASSWORD_PACKAGER}\"",
                "account segfold-packager \"$${KAFKA_PASSWORD_TRAINER}\"")), "kafka-init", "command");
    }

    @Test
    void theApiTakesItsTokenVerificationFromVariables() {
        assertFinding(check(mutate("QUARKUS_OIDC_PUBLIC_KEY: ${SEGFOLD_API_PUBLIC_KEY:-}", "QUARKUS_OIDC_PUBLIC_KEY: MIIBIjAN")),
                Service.CONFIG.id(), "environment.QUARKUS_OIDC_PUBLIC_KEY");
        assertFinding(check(mutate("      QUARKUS_OIDC_AUTH_SERVER_URL: ${SEGFOLD_OIDC_AUTH_SERVER_URL:-}\n", "")),
                Service.CONFIG.id(), "environment.QUARKUS_OIDC_AUTH_SERVER_URL");
    }

    @Test
    void aWithdrawnMinioImageIsReported() {
        List<Finding> findings = check(mutate("    image: pgsty/minio:RELEASE.2026-08-04T00-00-00Z\n    command:",
                "    image: minio/minio:RELEASE.2025-09-07T16-13-09Z\n    command:"));
        assertFinding(findings, "minio", "image");
    }

    @Test
    void aNotificationOnAnotherTopicOrWithARelativeQueueIsReported() {
        assertFinding(check(mutate("MINIO_NOTIFY_KAFKA_TOPIC_SEGFOLD: segfold.storage-events",
                "MINIO_NOTIFY_KAFKA_TOPIC_SEGFOLD: segfold.storage")), "minio",
                "environment.MINIO_NOTIFY_KAFKA_TOPIC_SEGFOLD");
        assertFinding(check(mutate("MINIO_NOTIFY_KAFKA_QUEUE_DIR_SEGFOLD: /data/.notify-queue",
                "MINIO_NOTIFY_KAFKA_QUEUE_DIR_SEGFOLD: notify-queue")), "minio",
                "environment.MINIO_NOTIFY_KAFKA_QUEUE_DIR_SEGFOLD");
        assertFinding(check(mutate("MINIO_NOTIFY_KAFKA_ENABLE_SEGFOLD: \"on\"", "MINIO_NOTIFY_KAFKA_ENABLE_SEGFOLD: on")),
                "minio", "environment.MINIO_NOTIFY_KAFKA_ENABLE_SEGFOLD");
    }

    @Test
    void wrongBucketsOrNotificationFiltersAreReported() {
        assertFinding(check(mutate("mc mb --ignore-existing local/segfold-cache\n", "")), "minio-init", "command");
        assertFinding(check(mutate("--suffix checkpoint.json", "--suffix .json")), "minio-init",
                "command: mc event add local/segfold-runs arn:minio:sqs::SEGFOLD:kafka --event put --suffix .json --ignore-existing");
        assertFinding(check(mutate("mc event add local/segfold-runs", "mc event add local/segfold-datasets")),
                "minio-init", "command: mc event add local/segfold-datasets arn:minio:sqs::SEGFOLD:kafka"
                        + " --event put --suffix checkpoint.json --ignore-existing");
        assertFinding(check(mutate("arn:minio:sqs::SEGFOLD:kafka", "arn:minio:sqs::PRIMARY:kafka")), "minio-init",
                "command: mc event add local/segfold-runs arn:minio:sqs::PRIMARY:kafka --event put"
                        + " --suffix checkpoint.json --ignore-existing");
    }

    @Test
    void aTopicListThatDiffersFromTheContractsIsReported() {
        assertFinding(check(mutate("        segfold.status:3\n", "")), "kafka-init", "environment.SEGFOLD_TOPICS");
        assertFinding(check(mutate("segfold.fold-requests:10", "segfold.fold-requests:1")), "kafka-init",
                "environment.SEGFOLD_TOPICS");
        assertFinding(check(mutate("KAFKA_AUTO_CREATE_TOPICS_ENABLE: \"false\"", "KAFKA_AUTO_CREATE_TOPICS_ENABLE: \"true\"")),
                "kafka", "environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE");
        assertFinding(check(mutate("KAFKA_CONTROLLER_QUORUM_VOTERS: 1@localhost:9093",
                "KAFKA_CONTROLLER_QUORUM_VOTERS: 1@kafka:9093")), "kafka", "environment.KAFKA_CONTROLLER_QUORUM_VOTERS");
    }

    @Test
    void portsImagesAndStartOrderAreChecked() {
        assertFinding(check(mutate("- \"${SEGFOLD_BIND_ADDRESS:-127.0.0.1}:8080:8080\"",
                "- \"${SEGFOLD_BIND_ADDRESS:-127.0.0.1}:8080:8090\"")), "config-service", "ports");
        assertFinding(check(mutate("image: pgsty/minio:RELEASE.2026-08-04T00-00-00Z", "image: pgsty/minio:latest")),
                "minio", "image");
        assertFinding(check(mutate("image: pgsty/minio:RELEASE.2026-08-04T00-00-00Z\n    depends_on:",
                "image: pgsty/minio\n    depends_on:")), "minio-init", "image");
        assertFinding(check(mutate("KAFKA_BOOTSTRAP_SERVERS: kafka:9092", "KAFKA_BOOTSTRAP_SERVERS: localhost:9092")),
                "packager-service", "environment.KAFKA_BOOTSTRAP_SERVERS");
        assertFinding(check(mutate("SEGFOLD_S3_ENDPOINT: http://minio:9000", "SEGFOLD_S3_ENDPOINT: http://minio:9001")),
                "evaluator-service", "environment.SEGFOLD_S3_ENDPOINT");
        assertFinding(check(mutate("  minio-init:\n    condition: service_completed_successfully\n", "")),
                "predictor-service", "depends_on.minio-init");
        assertFinding(check(mutate("    build:\n      context: ./packager-service\n",
                "    build:\n      context: .\n")), "packager-service", "build.context");
    }

    @Test
    void aServiceTopicOutsideTheContractsOrAnUnprovidedExpressionIsReported() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Deployment.propertiesFile(root, Service.TRAINER))) {
            properties.load(reader);
        }
        properties.setProperty("mp.messaging.incoming.fold-requests.topic", "segfold.fold-request");
        properties.setProperty("mp.messaging.incoming.fold-requests.dead-letter-queue.topic",
                Service.EVALUATOR.deadLetterTopic());
        properties.setProperty("segfold.trainer.model-dir", "${SEGFOLD_MODEL_DIR}");
        properties.setProperty("segfold.trainer.cache-dir", "${SEGFOLD_CACHE_DIR:${java.io.tmpdir}/cache}");
        List<Finding> findings = DeploymentCheck.run(deployment.withProperties(Service.TRAINER,
                ServiceProperties.of(properties, "altered trainer properties")));
        assertFinding(findings, "trainer-service", "mp.messaging.incoming.fold-requests.topic");
        assertFinding(findings, "trainer-service", "mp.messaging.incoming.fold-requests.dead-letter-queue.topic");
        assertFinding(findings, "trainer-service", "segfold.trainer.model-dir: ${SEGFOLD_MODEL_DIR}");
        assertTrue(findings.stream().noneMatch(f -> f.key().startsWith("segfold.trainer.cache-dir")),
                "an expression with a resolvable default was reported: " + findings);
    }

    private static String mutate(String from, String to) {
        assertTrue(composeText.contains(from), "docker-compose.yml no longer contains: " + from);
        return composeText.replace(from, to);
    }

    private static List<Finding> check(String compose) {
        assertTrue(!compose.equals(composeText), "the alteration changed nothing");
        return DeploymentCheck.run(deployment.withCompose(ComposeFile.parse(compose, "altered compose file")));
    }

    private static void assertFinding(List<Finding> findings, String subject, String key) {
        assertTrue(findings.stream().anyMatch(f -> f.subject().equals(subject) && f.key().equals(key)),
                () -> "expected a finding for " + subject + " / " + key + ", got:\n"
                        + findings.stream().map(Finding::toString).collect(Collectors.joining("\n")));
    }
}
