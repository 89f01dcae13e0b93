package dev.segfold.config.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.contracts.access.ApiRole;
import dev.segfold.devstack.auth.ApiKeys;
import dev.segfold.service.testing.ApiDevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API's description and meters, against the running service with the embedded stack's token
 * issuer: {@code /q/openapi} lists every {@code /runs} operation with its bearer requirement and
 * problem-details responses, and is readable without a token (as {@code /q/swagger-ui} and
 * {@code /q/metrics} are); {@code /q/metrics} counts accepted runs and the problems answered.
 */
@QuarkusTest
@WithTestResource(ApiDevStackResource.class)
class ApiDocumentationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectDevStack
    ApiKeys keys;

    @Test
    void theOpenApiDocumentListsRunsWithTheBearerSchemeAndProblemDetails() throws Exception {
        String body = given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        JsonNode doc = JSON.readTree(body);
        JsonNode paths = doc.path("paths");
        for (String path : List.of("/runs", "/runs/{id}", "/runs/{id}/events", "/runs/{id}/configs",
                "/runs/{id}/configs/{name}", "/runs/{id}/submission")) {
            assertTrue(paths.has(path), path + " in " + paths.fieldNames());
        }
        JsonNode scheme = doc.path("components").path("securitySchemes").path(ApiDocumentation.BEARER);
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());

        List<String> unsecured = new ArrayList<>();
        paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            JsonNode operation = op.getValue();
            if (!operation.isObject() || !operation.has("responses")) {
                return;
            }
            if (!operation.path("security").toString().contains(ApiDocumentation.BEARER)) {
                unsecured.add(op.getKey() + " " + p.getKey());
            }
            for (String status : List.of("401", "403")) {
                assertTrue(operation.path("responses").path(status).path("content").has(Problem.MEDIA_TYPE),
                        op.getKey() + " " + p.getKey() + " documents " + status + " as problem details");
            }
        }));
        assertTrue(unsecured.isEmpty(), "operations without the bearer requirement: " + unsecured);

        JsonNode post = paths.path("/runs").path("post");
        assertTrue(post.path("responses").path("400").path("content").has(Problem.MEDIA_TYPE), post.toString());
        assertTrue(paths.path("/runs/{id}").path("get").path("responses").has("404"));
        String problem = doc.path("components").path("schemas").path("Problem").toString();
        for (ApiDocumentation.ProblemType type : ApiDocumentation.TYPES) {
            assertTrue(problem.contains("urn:segfold:problem:" + type.type()), type + " in " + problem);
        }
    }

    @Test
    void everyProblemTypeDocumentedIsOneTheApiAnswersAndBack() {
        // the types the mappers and the resource use, read from their source of truth where one exists
        List<String> answered = new ArrayList<>(List.of("invalid-run-request", "unauthenticated", "forbidden",
                "service-unavailable", "config-not-found", "submission-not-ready",
                RunNotFoundException.run("x").kind()));
        for (var kind : dev.segfold.config.service.RunRejectedException.Kind.values()) {
            answered.add(kind.slug());
        }
        List<String> documented = ApiDocumentation.TYPES.stream().map(ApiDocumentation.ProblemType::type)
                .filter(t -> !t.startsWith("http-")).toList();
        assertEquals(new java.util.TreeSet<>(answered), new java.util.TreeSet<>(documented));
    }

    @Test
    void swaggerUiAndTheDocumentArePublicTheApiIsNot() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
        given().when().get("/runs").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void metricsCountAcceptedRunsAndProblems() {
        String reader = keys.token("metrics-reader", ApiRole.READ, Duration.ofMinutes(5));
        // a reader may not submit: a 403 problem; a submitter with a broken body: a 400 problem
        given().header("Authorization", "Bearer " + reader).contentType("application/json").body("{}")
                .when().post("/runs").then().statusCode(403);
        String submitter = keys.token("metrics-submitter", ApiRole.SUBMIT, Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + submitter).contentType("application/json")
                .body("{\"dataset\": \"x\", \"iterations\": -1}").when().post("/runs").then().statusCode(400);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(value(metrics, "segfold_api_problems_total{status=\"403\",type=\"forbidden\"}") >= 1, metrics);
        assertTrue(value(metrics, "segfold_api_problems_total{status=\"400\",type=\"invalid-run-request\"}") >= 1);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("segfold_api_runs_accepted_total")),
                "the accepted-runs counter is registered from the start");
    }

    static double value(String metrics, String sample) {
        return metrics.lines().filter(l -> l.startsWith(sample + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no " + sample + " in\n" + metrics));
    }
}
