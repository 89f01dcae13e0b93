package dev.segfold.deployment.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.contracts.storage.Buckets;
import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.deployment.compose.ComposeService;
import dev.segfold.deployment.compose.ComposeVariables;
import dev.segfold.deployment.compose.PortMapping;
import dev.segfold.deployment.compose.VolumeMount;
import dev.segfold.deployment.properties.ServiceProperties;
import dev.segfold.deployment.properties.TopicUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Least privilege (issue 10), by construction since no Docker engine runs where this is checked:
 *
 * <ul>
 *   <li><b>ports</b>: every published port binds a loopback address, or
 *       {@code ${SEGFOLD_BIND_ADDRESS:-127.0.0.1}} (documented in {@code .env.example}) to widen it;</li>
 *   <li><b>MinIO</b>: the root credentials reach only the server and the bucket job; every service
 *       has its own user (literal access key, its own required secret variable) that the bucket
 *       job creates with the policy file of the same name, and that policy allows exactly the
 *       buckets and actions of {@link StorageNeeds}, nothing else; other users (people on the host)
 *       never delete and never administer;</li>
 *   <li><b>Kafka</b>: every service logs in with SCRAM as its own principal with its own required
 *       password variable; the topic job creates each account from the same variable and grants
 *       exactly the ACLs its channels need (Read on incoming topics and their consumer groups,
 *       Write on outgoing and dead-letter topics); MinIO's notification target logs in as a
 *       principal allowed to write {@link Topics#STORAGE_EVENTS} only; any other account may only
 *       read {@link Topics#STATUS};</li>
 *   <li><b>the API</b>: the config-service takes its token verification (public key or OIDC
 *       provider, issuer, audience) from variables, never from the file.</li>
 * </ul>
 */
final class AccessRules {

    /** The variable that widens the published ports. */
    static final String BIND_VARIABLE = "SEGFOLD_BIND_ADDRESS";
    /** The variables of the config-service's token verification, by the Quarkus variable they set. */
    static final Map<String, String> API_VARIABLES = Map.of(
            "QUARKUS_OIDC_PUBLIC_KEY", "SEGFOLD_API_PUBLIC_KEY",
            "QUARKUS_OIDC_AUTH_SERVER_URL", "SEGFOLD_OIDC_AUTH_SERVER_URL",
            "QUARKUS_OIDC_TOKEN_ISSUER", "SEGFOLD_API_TOKEN_ISSUER",
            "QUARKUS_OIDC_TOKEN_AUDIENCE", "SEGFOLD_API_TOKEN_AUDIENCE");

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");
    private static final Pattern JAAS = Pattern.compile(
            "org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule\\s+required\\s+"
                    + "username=\"([^\"]+)\"\\s+password=\"([^\"]*)\";?");
    private static final Pattern ACCOUNT = Pattern.compile("(?m)^\\s*account\\s+(\\S+)\\s+\"\\$\\$\\{([A-Za-z0-9_]+)}\"");
    private static final Pattern ALLOW = Pattern.compile(
            "(?m)^\\s*allow\\s+(\\S+)\\s+(Read|Write|Describe|Create|Delete|Alter|All)\\s+--(topic|group)\\s+(\\S+)");
    private static final Pattern ADD_USER = Pattern.compile("(?m)^\\s*add_user\\s+(\\S+)\\s+\"\\$\\$\\{([A-Za-z0-9_]+)}\"");
    private static final Pattern BOOTSTRAP = Pattern.compile("broker=(\\S+)|--bootstrap-server\\s+(\\S+)");

    private AccessRules() {
    }

    static List<Finding> check(Deployment deployment) {
        List<Finding> findings = new ArrayList<>();
        ports(deployment, findings);
        rootCredentials(deployment, findings);
        storageAccounts(deployment, findings);
        kafkaAccounts(deployment, findings);
        apiAuthentication(deployment, findings);
        return findings;
    }

    // ------------------------------------------------------------------------------------ ports

    private static void ports(Deployment deployment, List<Finding> findings) {
        for (ComposeService service : deployment.compose().services().values()) {
            for (PortMapping mapping : service.ports()) {
                if (mapping.hostPort().isEmpty()) {
                    continue;
                }
                String where = "ports: " + mapping.hostIp().map(ip -> ip + ":").orElse("") + mapping.hostPort().getAsInt()
                        + ":" + mapping.containerPort();
                Optional<String> ip = mapping.hostIp();
                if (ip.isEmpty()) {
                    findings.add(new Finding(service.name(), where, "binds every interface of the host: bind it to "
                            + "${" + BIND_VARIABLE + ":-127.0.0.1}"));
                    continue;
                }
                Optional<ComposeVariables.Reference> reference = ComposeVariables.wholeValueReference(ip.get());
                if (reference.isPresent()) {
                    ComposeVariables.Reference r = reference.get();
                    if (!r.name().equals(BIND_VARIABLE) || r.defaultValue().filter(LOOPBACK::contains).isEmpty()) {
                        findings.add(new Finding(service.name(), where, ip.get() + " is not ${" + BIND_VARIABLE
                                + ":-127.0.0.1}: the default must keep the port on this machine"));
                    }
                } else if (!LOOPBACK.contains(ip.get())) {
                    findings.add(new Finding(service.name(), where, ip.get() + " is not a loopback address"));
                }
            }
        }
        if (!deployment.envExample().containsKey(BIND_VARIABLE)) {
            findings.add(new Finding(Deployment.ENV_EXAMPLE, BIND_VARIABLE,
                    "not documented: it is how a deployment widens the published ports"));
        }
    }

    // ------------------------------------------------------------------------------------ MinIO

    private static void rootCredentials(Deployment deployment, List<Finding> findings) {
        Set<String> allowed = new TreeSet<>();
        deployment.objectStore().ifPresent(s -> allowed.add(s.name()));
        deployment.bucketJob().ifPresent(s -> allowed.add(s.name()));
        for (ComposeService service : deployment.compose().services().values()) {
            if (allowed.contains(service.name())) {
                continue;
            }
            service.environment().forEach((key, value) -> {
                for (ComposeVariables.Reference r : ComposeVariables.references(String.valueOf(value))) {
                    if (r.name().equals("MINIO_ROOT_USER") || r.name().equals("MINIO_ROOT_PASSWORD")) {
                        findings.add(new Finding(service.name(), "environment." + key, "uses MinIO's root credentials ("
                                + r.name() + "); only " + allowed + " may: give the service its own user"));
                    }
                }
            });
        }
    }

    private static void storageAccounts(Deployment deployment, List<Finding> findings) {
        Optional<ComposeService> job = deployment.bucketJob();
        Map<String, String> created = new LinkedHashMap<>(); // access key -> compose variable of its secret
        Path policies = null;
        if (job.isPresent()) {
            Matcher m = ADD_USER.matcher(job.get().script());
            while (m.find()) {
                created.put(m.group(1), composeVariable(job.get(), m.group(2)).orElse("?" + m.group(2)));
            }
            policies = job.get().volumes().stream().filter(v -> v.source().filter(s -> s.startsWith(".")).isPresent())
                    .map(VolumeMount::source).map(Optional::get).map(s -> deployment.root().resolve(s).normalize())
                    .findFirst().orElse(null);
            if (policies == null) {
                findings.add(new Finding(job.get().name(), "volumes", "mounts no folder of policy files from the repository"));
            }
        }
        Map<String, String> secretOwners = new HashMap<>();
        Map<String, String> keyOwners = new HashMap<>();
        for (Service service : Service.values()) {
            Optional<ComposeService> s = deployment.compose().find(service.id());
            if (s.isEmpty()) {
                continue;
            }
            String name = s.get().name();
            Optional<String> accessKey = s.get().env("SEGFOLD_S3_ACCESS_KEY").map(String::strip);
            Optional<String> secret = requiredVariable(deployment, s.get(), "SEGFOLD_S3_SECRET_KEY", findings);
            if (accessKey.isEmpty() || !ComposeVariables.references(accessKey.get()).isEmpty()) {
                findings.add(new Finding(name, "environment.SEGFOLD_S3_ACCESS_KEY", accessKey.orElse("missing")
                        + ": the service's own MinIO user, by name (the bucket job creates it)"));
                continue;
            }
            String previous = keyOwners.put(accessKey.get(), name);
            if (previous != null) {
                findings.add(new Finding(name, "environment.SEGFOLD_S3_ACCESS_KEY", accessKey.get()
                        + " is also the user of " + previous + ": one user per service"));
            }
            if (secret.isPresent()) {
                String owner = secretOwners.put(secret.get(), name);
                if (owner != null) {
                    findings.add(new Finding(name, "environment.SEGFOLD_S3_SECRET_KEY", "${" + secret.get()
                            + "} is also the secret of " + owner + ": one secret per service"));
                }
                if (job.isPresent() && !secret.get().equals(created.get(accessKey.get()))) {
                    findings.add(new Finding(job.get().name(), "command", created.containsKey(accessKey.get())
                            ? "add_user " + accessKey.get() + " sets ${" + created.get(accessKey.get()) + "}, the service uses ${"
                                    + secret.get() + "}"
                            : "creates no user " + accessKey.get() + " for " + name + " (add_user " + accessKey.get() + " \"$${"
                                    + secret.get() + "}\")"));
                }
            }
            if (policies != null && created.containsKey(accessKey.get())) {
                policy(policies.resolve(accessKey.get() + ".json"), Optional.of(service), findings);
            }
        }
        if (policies != null) {
            for (String user : created.keySet()) {
                if (!keyOwners.containsKey(user)) {
                    policy(policies.resolve(user + ".json"), Optional.empty(), findings);
                }
            }
        }
    }

    /**
     * Checks one policy file: allows only, known S3 actions on Segfold's buckets; for a service
     * exactly the (bucket, action) pairs of {@link StorageNeeds}; for anyone else no delete.
     */
    static void policy(Path file, Optional<Service> service, List<Finding> findings) {
        String subject = file.getParent().getFileName() + "/" + file.getFileName();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            findings.add(new Finding(subject, "file", "missing or not JSON: " + e.getMessage()));
            return;
        }
        Set<String> buckets = Set.of(Buckets.DEFAULT_DATASETS, Buckets.DEFAULT_RUNS, Buckets.DEFAULT_CACHE);
        Set<StorageNeeds.Grant> granted = new TreeSet<>();
        int i = 0;
        for (JsonNode statement : root.path("Statement")) {
            String where = "Statement[" + i++ + "]";
            if (!statement.path("Effect").asText().equals("Allow")) {
                continue; // a Deny only narrows
            }
            if (statement.has("NotAction") || statement.has("NotResource") || statement.has("Principal")) {
                findings.add(new Finding(subject, where, "NotAction, NotResource and Principal widen a user policy"));
            }
            for (JsonNode action : array(statement.path("Action"))) {
                for (JsonNode resource : array(statement.path("Resource"))) {
                    String arn = resource.asText();
                    Matcher m = Pattern.compile("arn:aws:s3:::([^/*]+)(/.*)?").matcher(arn);
                    if (!m.matches() || !buckets.contains(m.group(1))) {
                        findings.add(new Finding(subject, where, arn + " is not one of Segfold's buckets " + buckets));
                        continue;
                    }
                    if (!StorageNeeds.KNOWN_ACTIONS.contains(action.asText())) {
                        findings.add(new Finding(subject, where, action.asText() + " is not an object action a Segfold "
                                + "client uses (" + StorageNeeds.KNOWN_ACTIONS + ")"));
                        continue;
                    }
                    granted.add(new StorageNeeds.Grant(m.group(1), action.asText()));
                }
            }
        }
        if (service.isPresent()) {
            Set<StorageNeeds.Grant> needed = StorageNeeds.of(service.get());
            for (StorageNeeds.Grant need : needed) {
                if (!granted.contains(need)) {
                    findings.add(new Finding(subject, need.toString(), "missing: " + service.get().id() + " needs it ("
                            + StorageNeeds.why(service.get(), need) + ")"));
                }
            }
            for (StorageNeeds.Grant grant : granted) {
                if (!needed.contains(grant) && !StorageNeeds.companionOf(grant, granted)) {
                    findings.add(new Finding(subject, grant.toString(), "allowed, but " + service.get().id()
                            + " does not need it"));
                }
            }
        } else {
            granted.stream().filter(g -> g.action().equals("s3:DeleteObject")).forEach(g -> findings.add(new Finding(
                    subject, g.toString(), "a person's account may add data sets and imports but not delete")));
        }
    }

    private static Iterable<JsonNode> array(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        return node.isMissingNode() ? List.of() : List.of(node);
    }

    // ------------------------------------------------------------------------------------ Kafka

    private static void kafkaAccounts(Deployment deployment, List<Finding> findings) {
        Optional<ComposeService> job = deployment.topicJob();
        Map<String, String> accounts = new LinkedHashMap<>(); // principal -> compose variable of its password
        Map<String, Set<String>> acls = new LinkedHashMap<>(); // principal -> "Read topic x"
        if (job.isPresent()) {
            String script = job.get().script();
            Matcher account = ACCOUNT.matcher(script);
            while (account.find()) {
                accounts.put(account.group(1), composeVariable(job.get(), account.group(2)).orElse("?" + account.group(2)));
            }
            Matcher allow = ALLOW.matcher(script);
            while (allow.find()) {
                acls.computeIfAbsent(allow.group(1), k -> new TreeSet<>())
                        .add(allow.group(2) + " " + allow.group(3) + " " + allow.group(4));
            }
            reachesBrokerOnLoopback(deployment, job.get(), findings);
        }
        String brokerMechanism = deployment.broker().flatMap(b -> b.env("KAFKA_SASL_ENABLED_MECHANISMS")).orElse("")
                .strip();
        Map<String, String> principalOwners = new HashMap<>();
        for (Service service : Service.values()) {
            Optional<ComposeService> s = deployment.compose().find(service.id());
            ServiceProperties properties = deployment.properties().get(service);
            if (s.isEmpty() || properties == null) {
                continue;
            }
            String name = s.get().name();
            String protocol = s.get().env("KAFKA_SECURITY_PROTOCOL").orElse("PLAINTEXT").strip();
            if (!protocol.startsWith("SASL_")) {
                findings.add(new Finding(name, "environment.KAFKA_SECURITY_PROTOCOL", protocol
                        + ": the broker takes SASL only from other containers"));
            }
            String mechanism = s.get().env("KAFKA_SASL_MECHANISM").orElse("").strip();
            if (!mechanism.startsWith("SCRAM-") || !List.of(brokerMechanism.split(",")).contains(mechanism)) {
                findings.add(new Finding(name, "environment.KAFKA_SASL_MECHANISM", (mechanism.isEmpty() ? "missing" : mechanism)
                        + " is not a SCRAM mechanism the broker enables (" + brokerMechanism + ")"));
            }
            Matcher jaas = JAAS.matcher(s.get().env("KAFKA_SASL_JAAS_CONFIG").orElse("").strip());
            if (!jaas.matches()) {
                findings.add(new Finding(name, "environment.KAFKA_SASL_JAAS_CONFIG",
                        "not a ScramLoginModule with username=\"...\" password=\"${...}\""));
                continue;
            }
            String principal = jaas.group(1);
            Optional<ComposeVariables.Reference> password = ComposeVariables.wholeValueReference(jaas.group(2));
            if (password.isEmpty() || !password.get().required()) {
                findings.add(new Finding(name, "environment.KAFKA_SASL_JAAS_CONFIG", "the password must be a required "
                        + "variable (${KAFKA_PASSWORD_...:?...}), never written in the file"));
            } else {
                documented(deployment, password.get().name(), findings);
                if (job.isPresent() && !password.get().name().equals(accounts.get(principal))) {
                    findings.add(new Finding(job.get().name(), "command", accounts.containsKey(principal)
                            ? "account " + principal + " is set from ${" + accounts.get(principal) + "}, " + name
                                    + " logs in with ${" + password.get().name() + "}"
                            : "creates no account " + principal + " for " + name));
                }
            }
            String other = principalOwners.put(principal, name);
            if (other != null) {
                findings.add(new Finding(name, "environment.KAFKA_SASL_JAAS_CONFIG", principal + " is also the principal "
                        + "of " + other + ": one principal per service, so ACLs can tell them apart"));
            }
            if (job.isPresent()) {
                compare(job.get().name(), principal, name, expectedAcls(properties), acls.getOrDefault(principal, Set.of()),
                        findings);
            }
        }
        Optional<String> minio = minioPrincipal(deployment, brokerMechanism, accounts, job, findings);
        minio.ifPresent(p -> job.ifPresent(j -> compare(j.name(), p, "MinIO's notification target",
                Set.of("Write topic " + Topics.STORAGE_EVENTS), acls.getOrDefault(p, Set.of()), findings)));
        Set<String> known = new TreeSet<>(principalOwners.keySet());
        minio.ifPresent(known::add);
        acls.forEach((principal, granted) -> {
            if (!known.contains(principal)) {
                granted.stream().filter(acl -> !acl.equals("Read topic " + Topics.STATUS)).forEach(acl -> findings.add(
                        new Finding(job.get().name(), "command: allow " + principal, acl + ": an account of no service "
                                + "may only read " + Topics.STATUS)));
            }
        });
        accounts.forEach((principal, variable) -> {
            if (!variable.startsWith("?")) {
                documented(deployment, variable, findings);
            } else {
                findings.add(new Finding(job.get().name(), "command: account " + principal, variable.substring(1)
                        + " is not a required variable of the job's environment"));
            }
        });
    }

    /** The ACLs a service's channels need: Read topic and group in, Write topic out and for dead letters. */
    static Set<String> expectedAcls(ServiceProperties properties) {
        Set<String> expected = new TreeSet<>();
        for (TopicUse use : properties.topics()) {
            if (use.role() == TopicUse.Role.INCOMING) {
                expected.add("Read topic " + use.topic());
                properties.consumerGroup(use.channel()).ifPresent(g -> expected.add("Read group " + g));
            } else {
                expected.add("Write topic " + use.topic());
            }
        }
        return expected;
    }

    private static void compare(String job, String principal, String who, Set<String> expected, Set<String> granted,
                                List<Finding> findings) {
        for (String acl : expected) {
            if (!granted.contains(acl)) {
                findings.add(new Finding(job, "command: allow " + principal, "missing " + acl + ": " + who + " needs it"));
            }
        }
        for (String acl : granted) {
            if (!expected.contains(acl)) {
                findings.add(new Finding(job, "command: allow " + principal, acl + ": " + who + " does not need it"));
            }
        }
    }

    private static Optional<String> minioPrincipal(Deployment deployment, String brokerMechanism,
                                                   Map<String, String> accounts, Optional<ComposeService> job,
                                                   List<Finding> findings) {
        Optional<ComposeService> store = deployment.objectStore();
        if (store.isEmpty()) {
            return Optional.empty();
        }
        String id = store.get().environment().keySet().stream()
                .map(k -> Pattern.compile("MINIO_NOTIFY_KAFKA_ENABLE_(.+)").matcher(k))
                .filter(Matcher::matches).map(m -> m.group(1)).findFirst().orElse(null);
        if (id == null) {
            return Optional.empty(); // StorageRules reports it
        }
        String name = store.get().name();
        if (!store.get().env("MINIO_NOTIFY_KAFKA_SASL_" + id).orElse("").equals("on")) {
            findings.add(new Finding(name, "environment.MINIO_NOTIFY_KAFKA_SASL_" + id,
                    "must be \"on\": the broker takes SASL only"));
        }
        String mechanism = store.get().env("MINIO_NOTIFY_KAFKA_SASL_MECHANISM_" + id).orElse("").strip();
        String expected = brokerMechanism.equals("SCRAM-SHA-512") ? "sha512"
                : brokerMechanism.equals("SCRAM-SHA-256") ? "sha256" : "?";
        if (!mechanism.equals(expected)) {
            findings.add(new Finding(name, "environment.MINIO_NOTIFY_KAFKA_SASL_MECHANISM_" + id,
                    (mechanism.isEmpty() ? "missing" : mechanism) + ", expected " + expected + " for " + brokerMechanism));
        }
        Optional<String> principal = store.get().env("MINIO_NOTIFY_KAFKA_SASL_USERNAME_" + id).map(String::strip);
        Optional<String> password = requiredVariable(deployment, store.get(), "MINIO_NOTIFY_KAFKA_SASL_PASSWORD_" + id,
                findings);
        if (principal.isEmpty()) {
            findings.add(new Finding(name, "environment.MINIO_NOTIFY_KAFKA_SASL_USERNAME_" + id, "missing"));
        } else if (password.isPresent() && job.isPresent() && !password.get().equals(accounts.get(principal.get()))) {
            findings.add(new Finding(job.get().name(), "command", "creates no account " + principal.get()
                    + " with ${" + password.get() + "} for MinIO's notification target"));
        }
        return principal;
    }

    /** The topic job must reach a loopback listener of the broker from the broker's own network. */
    private static void reachesBrokerOnLoopback(Deployment deployment, ComposeService job, List<Finding> findings) {
        Optional<ComposeService> broker = deployment.broker();
        Matcher m = BOOTSTRAP.matcher(job.script());
        if (broker.isEmpty() || !m.find()) {
            return;
        }
        String address = m.group(1) != null ? m.group(1) : m.group(2);
        String host = address.substring(0, Math.max(0, address.lastIndexOf(':')));
        if (LOOPBACK.contains(host) && !job.networkMode().orElse("").equals("service:" + broker.get().name())) {
            findings.add(new Finding(job.name(), "network_mode", "talks to " + address + " but does not run in "
                    + broker.get().name() + "'s network (network_mode: \"service:" + broker.get().name() + "\")"));
        }
    }

    // ------------------------------------------------------------------------------------ API

    private static void apiAuthentication(Deployment deployment, List<Finding> findings) {
        Optional<ComposeService> api = deployment.compose().find(Service.CONFIG.id());
        if (api.isEmpty()) {
            return;
        }
        API_VARIABLES.forEach((quarkus, variable) -> {
            Optional<String> value = api.get().env(quarkus);
            Optional<ComposeVariables.Reference> reference = value.flatMap(ComposeVariables::wholeValueReference);
            if (reference.isEmpty() || !reference.get().name().equals(variable)) {
                findings.add(new Finding(api.get().name(), "environment." + quarkus, value.orElse("missing")
                        + ": must be ${" + variable + ":-} (token verification comes from .env, README \"Authentication\")"));
            } else if (!deployment.envExample().containsKey(variable)) {
                findings.add(new Finding(Deployment.ENV_EXAMPLE, variable, "not documented (the config-service reads it)"));
            }
        });
    }

    // ------------------------------------------------------------------------------------ helpers

    /** The whole value of {@code key} as a required, documented variable; its name. */
    private static Optional<String> requiredVariable(Deployment deployment, ComposeService service, String key,
                                                     List<Finding> findings) {
        Optional<String> value = service.env(key);
        Optional<ComposeVariables.Reference> reference = value.flatMap(ComposeVariables::wholeValueReference);
        if (reference.isEmpty() || !reference.get().required()) {
            findings.add(new Finding(service.name(), "environment." + key, value.map(v -> "a literal or defaulted value")
                    .orElse("missing") + ": a secret must come from a required variable (${NAME:?...})"));
            return Optional.empty();
        }
        documented(deployment, reference.get().name(), findings);
        return Optional.of(reference.get().name());
    }

    private static void documented(Deployment deployment, String variable, List<Finding> findings) {
        String value = deployment.envExample().get(variable);
        if (value == null || value.isBlank()) {
            findings.add(new Finding(Deployment.ENV_EXAMPLE, variable, "not documented with a value (the Compose file "
                    + "requires it)"));
        }
    }

    /** The Compose variable a job's container variable is set from: {@code NAME: ${VAR:?...}}. */
    private static Optional<String> composeVariable(ComposeService job, String containerVariable) {
        return job.env(containerVariable).flatMap(ComposeVariables::wholeValueReference)
                .filter(ComposeVariables.Reference::required).map(ComposeVariables.Reference::name);
    }
}
