package dev.segfold.config.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segfold.config.rest.RunResource;
import dev.segfold.contracts.access.ApiRole;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.auth.ApiKeys;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.testing.ApiDevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may call what (DESIGN §5, issue 10), against the running service with tokens from the
 * embedded stack's issuer: every REST endpoint is found by reflection and must have a rule here
 * and the same role in its {@code @RolesAllowed} (a new endpoint without one fails this test);
 * then each is called without a token, with a malformed, expired, forged, foreign-issuer,
 * foreign-audience and unsigned token (401 problem details), with a role too low (403 problem
 * details naming the role) and with its role (neither). Escalations: a submitter cancelling
 * another's run, a reader posting, a role smuggled in a claim the service does not read.
 */
@QuarkusTest
@WithTestResource(ApiDevStackResource.class)
class EndpointRulesTest {

    /**
     * Every endpoint of the API and the lowest role that may call it. Adding an endpoint means
     * adding its line here, and a call for it in {@link #call}.
     */
    static final Map<String, ApiRole> RULES = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /runs application/json", ApiRole.SUBMIT),
            Map.entry("POST /runs application/yaml", ApiRole.SUBMIT),
            Map.entry("GET /runs", ApiRole.READ),
            Map.entry("GET /runs/{id}", ApiRole.READ),
            Map.entry("GET /runs/{id}/events", ApiRole.READ),
            Map.entry("GET /runs/{id}/configs", ApiRole.READ),
            Map.entry("GET /runs/{id}/configs/{name}", ApiRole.READ),
            Map.entry("GET /runs/{id}/submission", ApiRole.READ),
            Map.entry("GET /runs/{id}/results", ApiRole.READ),
            Map.entry("GET /runs/{id}/volumes/{case}/{volume}", ApiRole.READ),
            Map.entry("DELETE /runs/{id}", ApiRole.SUBMIT),
            Map.entry("POST /runs/{id}/retry", ApiRole.SUBMIT)));

    @InjectDevStack
    DevStack stack;

    @InjectDevStack
    ApiKeys keys;

    @Inject
    ObjectStore store;

    /** A run of alice's (submit role), stored as the service stores one: run.json names its submitter. */
    private String aliceRun;

    @BeforeEach
    void aliceHasARun() {
        aliceRun = "r-auth-" + Long.toHexString(System.nanoTime());
        ObjectNode runJson = ContractJson.mapper().createObjectNode().put("runId", aliceRun).put("submittedBy", "alice");
        store.put(store.buckets().runs(), RunLayout.of(aliceRun).runJson(), ContractJson.write(runJson),
                "application/json");
        store.put(store.buckets().runs(), RunLayout.of(aliceRun).prefix() + "configs/3d_fullres/nnunet_fold0.yml",
                "fold: 0\n".getBytes(StandardCharsets.UTF_8), "application/yaml");
        store.put(store.buckets().runs(), RunLayout.of(aliceRun).submission(), new byte[] {0x50, 0x4b, 0x05, 0x06},
                "application/zip");
    }

    @Test
    void everyEndpointHasARuleAndTheRoleOfItsRule() throws IOException {
        Map<String, Method> endpoints = endpoints();
        List<String> problems = new ArrayList<>();
        for (String endpoint : endpoints.keySet()) {
            if (!RULES.containsKey(endpoint)) {
                problems.add(endpoint + " has no rule: add it to EndpointRulesTest.RULES with the role it needs, and "
                        + "@RolesAllowed to the method");
            }
        }
        RULES.keySet().stream().filter(e -> !endpoints.containsKey(e))
                .forEach(e -> problems.add(e + " is in RULES but no such endpoint exists"));
        endpoints.forEach((endpoint, method) -> {
            RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
            if (method.isAnnotationPresent(PermitAll.class) || method.getDeclaringClass().isAnnotationPresent(PermitAll.class)) {
                problems.add(endpoint + " is @PermitAll: every endpoint needs a token (DESIGN §5)");
            } else if (roles == null) {
                problems.add(endpoint + " (" + method + ") has no @RolesAllowed");
            } else if (RULES.containsKey(endpoint) && !List.of(roles.value()).equals(List.of(RULES.get(endpoint).claim()))) {
                problems.add(endpoint + " allows " + List.of(roles.value()) + ", its rule says " + RULES.get(endpoint).claim());
            }
        });
        assertEquals(List.of(), problems);
        assertEquals(RULES.size(), endpoints.size());
    }

    @Test
    void withoutAValidTokenEveryEndpointAnswers401AsProblemDetails() {
        ApiKeys forger = ApiKeys.generate();
        ApiKeys past = keys.withClock(Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.put("not a JWT", "abc.def");
        tokens.put("expired", past.token("alice", ApiRole.ADMIN, Duration.ofHours(1)));
        tokens.put("signed by another key", forger.token("alice", ApiRole.ADMIN, Duration.ofHours(1)));
        tokens.put("another issuer", keys.sign(header(), claims("admin").put("iss", "https://idp.example.org")));
        tokens.put("another audience", keys.sign(header(), claims("admin").put("aud", "some-other-api")));
        tokens.put("unsigned (alg none)", unsigned(claims("admin")));
        for (String endpoint : RULES.keySet()) {
            tokens.forEach((kind, token) -> {
                ExtractableResponse<Response> r = call(endpoint, token);
                String what = endpoint + " with " + kind + ": " + r.asString();
                assertEquals(401, r.statusCode(), what);
                assertEquals("application/problem+json", r.contentType(), what);
                assertEquals("urn:segfold:problem:unauthenticated", r.path("type"), what);
                assertEquals("Authorization", r.path("errors[0].field"), what);
                assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"), what);
                if (kind.equals("expired")) {
                    assertTrue(r.<String>path("detail").contains("expired"), what);
                }
                if (token != null) {
                    assertFalse(r.asString().contains(token), "the token is not echoed: " + what);
                }
            });
        }
    }

    @Test
    void aRoleBelowTheRuleGets403NamingTheRoleAndTheRuleItsRoleGetsIn() {
        for (Map.Entry<String, ApiRole> rule : RULES.entrySet()) {
            for (ApiRole role : ApiRole.values()) {
                ExtractableResponse<Response> r = call(rule.getKey(), keys.token("alice", role, Duration.ofMinutes(5)));
                String what = rule.getKey() + " as " + role.claim() + ": " + r.statusCode() + " " + r.asString();
                if (role.ordinal() < rule.getValue().ordinal()) {
                    assertEquals(403, r.statusCode(), what);
                    assertEquals("application/problem+json", r.contentType(), what);
                    assertEquals("role", r.path("errors[0].field"), what);
                    assertTrue(r.<String>path("detail").contains(rule.getValue().claim()), what);
                } else {
                    assertNotEquals(401, r.statusCode(), what);
                    assertNotEquals(403, r.statusCode(), what);
                    assertTrue(r.statusCode() < 500, what);
                }
            }
        }
        ExtractableResponse<Response> unknown = call("GET /runs", keys.sign(header(), claims("superuser")));
        assertEquals(403, unknown.statusCode(), "a role the API does not know grants nothing: " + unknown.asString());
    }

    @Test
    void aSubmitterCannotRetryAnotherUsersRunButItsOwnAndAnAdminAny() {
        String bob = keys.token("bob", ApiRole.SUBMIT, Duration.ofMinutes(5));
        ExtractableResponse<Response> refused = given().header("Authorization", "Bearer " + bob)
                .post("/runs/" + aliceRun + "/retry").then().extract();
        assertEquals(403, refused.statusCode(), refused.asString());
        assertTrue(refused.<String>path("detail").contains("someone else"), refused.asString());
        // alice and an admin pass the check; the run (no status events, nothing failed) then answers 409
        for (String token : List.of(keys.token("alice", ApiRole.SUBMIT, Duration.ofMinutes(5)),
                keys.token("carol", ApiRole.ADMIN, Duration.ofMinutes(5)))) {
            ExtractableResponse<Response> r = given().header("Authorization", "Bearer " + token)
                    .post("/runs/" + aliceRun + "/retry?fold=1").then().extract();
            assertEquals(409, r.statusCode(), r.asString());
            assertEquals("urn:segfold:problem:run-conflict", r.path("type"), r.asString());
            assertEquals("fold", r.path("errors[0].field"), r.asString());
        }
    }

    @Test
    void aSubmitterCannotCancelAnotherUsersRunButItsOwnAndAnAdminAny() {
        String bob = keys.token("bob", ApiRole.SUBMIT, Duration.ofMinutes(5));
        ExtractableResponse<Response> refused = given().header("Authorization", "Bearer " + bob)
                .delete("/runs/" + aliceRun).then().extract();
        assertEquals(403, refused.statusCode(), refused.asString());
        assertEquals("id", refused.path("errors[0].field"));
        assertTrue(refused.<String>path("detail").contains("someone else"), refused.asString());
        assertFalse(refused.asString().contains("alice"), "the other user is not named: " + refused.asString());
        assertFalse(store.exists(store.buckets().runs(), RunLayout.of(aliceRun).cancelMarker()), "nothing was cancelled");

        String alice = keys.token("alice", ApiRole.SUBMIT, Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + alice).delete("/runs/" + aliceRun).then().statusCode(202);
        assertTrue(new String(store.get(store.buckets().runs(), RunLayout.of(aliceRun).cancelMarker()),
                StandardCharsets.UTF_8).contains("\"alice\""));
        String admin = keys.token("carol", ApiRole.ADMIN, Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + admin).delete("/runs/" + aliceRun).then().statusCode(202);
    }

    @Test
    void aReaderCannotPostAndARoleInAnotherClaimIsNotRead() {
        String reader = keys.token("dave", ApiRole.READ, Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + reader).contentType("application/json").body("{}")
                .post("/runs").then().statusCode(403);
        // groups says read; a Keycloak-style claim says admin: only the configured claim counts
        ObjectNode smuggled = claims("read");
        smuggled.putObject("realm_access").putArray("roles").add("admin");
        smuggled.putArray("roles").add("admin");
        smuggled.put("scope", "admin");
        given().header("Authorization", "Bearer " + keys.sign(header(), smuggled)).contentType("application/json")
                .body("{}").post("/runs").then().statusCode(403);
    }

    @Test
    void noStatusEventHoldsAPresignedUrlOrACredential() {
        String admin = keys.token("erin", ApiRole.ADMIN, Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + admin).get("/runs/" + aliceRun + "/submission").then().statusCode(200);
        given().header("Authorization", "Bearer " + admin).delete("/runs/" + aliceRun).then().statusCode(202);
        List<String> leaks = new ArrayList<>();
        int read = readAll(Topics.STATUS, r -> Stream.of("X-Amz-Signature", "X-Amz-Credential", stack.secretKey(),
                admin, "Bearer ").filter(s -> r.value() != null && r.value().contains(s))
                .forEach(s -> leaks.add(r.key() + " holds " + (s.equals(admin) ? "a token" : s))));
        assertTrue(read > 0, "the cancellation published a status event");
        assertEquals(List.of(), leaks);
    }

    /** Every resource method of the service, as {@code "METHOD /path [consumed type]"}. */
    static Map<String, Method> endpoints() throws IOException {
        java.nio.file.Path classes = java.nio.file.Path.of(
                java.net.URI.create(RunResource.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        Map<String, Method> endpoints = new TreeMap<>();
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(classes)) {
            files = walk.filter(f -> f.toString().endsWith(".class")).toList();
        }
        ClassLoader loader = RunResource.class.getClassLoader();
        for (java.nio.file.Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            Path base = type.getAnnotation(Path.class);
            for (Method method : type.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = ("/" + (base == null ? "" : base.value()) + "/" + (sub == null ? "" : sub.value()))
                        .replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                Consumes consumes = method.getAnnotation(Consumes.class);
                String key = verb + " " + path + (consumes == null ? "" : " " + consumes.value()[0]);
                if (endpoints.put(key, method) != null) {
                    fail("two methods answer " + key);
                }
            }
        }
        return endpoints;
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** One request to {@code endpoint} on alice's run; a body that fails validation where it would start work. */
    private ExtractableResponse<Response> call(String endpoint, String token) {
        RequestSpecification request = given().redirects().follow(false);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return switch (endpoint) {
            case "POST /runs application/json" -> request.contentType("application/json").body("{\"folds\": [9]}")
                    .post("/runs").then().extract();
            case "POST /runs application/yaml" -> request.contentType("application/yaml").body("batch_size: [".getBytes(StandardCharsets.UTF_8))
                    .post("/runs").then().extract();
            case "GET /runs" -> request.get("/runs").then().extract();
            case "GET /runs/{id}" -> request.get("/runs/" + aliceRun).then().extract();
            case "GET /runs/{id}/events" -> request.accept("text/event-stream")
                    .get("/runs/no-such-run/events").then().extract();
            case "GET /runs/{id}/configs" -> request.get("/runs/" + aliceRun + "/configs").then().extract();
            case "GET /runs/{id}/configs/{name}" -> request.get("/runs/" + aliceRun + "/configs/nnunet_fold0.yml")
                    .then().extract();
            case "GET /runs/{id}/submission" -> request.get("/runs/" + aliceRun + "/submission").then().extract();
            case "GET /runs/{id}/results" -> request.get("/runs/" + aliceRun + "/results").then().extract();
            case "GET /runs/{id}/volumes/{case}/{volume}" -> request.get("/runs/" + aliceRun
                    + "/volumes/case_001/image.nii.gz").then().extract();
            case "DELETE /runs/{id}" -> request.delete("/runs/" + aliceRun).then().extract();
            case "POST /runs/{id}/retry" -> request.post("/runs/" + aliceRun + "/retry?fold=0").then().extract();
            default -> throw new AssertionError("no call for " + endpoint + ": add one to EndpointRulesTest.call");
        };
    }

    private static ObjectNode header() {
        return ContractJson.mapper().createObjectNode().put("alg", "RS256").put("typ", "JWT");
    }

    private static ObjectNode claims(String group) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = ContractJson.mapper().createObjectNode().put("iss", ApiKeys.ISSUER)
                .put("aud", ApiKeys.AUDIENCE).put("sub", "mallory").put("iat", now).put("exp", now + 300);
        claims.putArray("groups").add(group);
        return claims;
    }

    private static String unsigned(ObjectNode claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(ContractJson.write(claims)) + ".";
    }

    /** Reads {@code topic} from its beginning to its current end; returns how many records there were. */
    private int readAll(String topic, java.util.function.Consumer<ConsumerRecord<String, String>> sink) {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        int count = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    sink.accept(r);
                    count++;
                }
            }
        }
        return count;
    }
}
