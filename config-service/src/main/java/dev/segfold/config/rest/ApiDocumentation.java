package dev.segfold.config.rest;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the generated OpenAPI document ({@code /q/openapi}) with what annotations cannot say
 * once for all endpoints: the problem-details schema and its types ({@link #TYPES}), the error
 * responses each operation can give as {@code application/problem+json}, and the bearer-token
 * scheme every {@code /runs} operation requires. Registered with {@code mp.openapi.filter}.
 */
public class ApiDocumentation implements OASFilter {
    /** The security scheme's name in the document. */
    public static final String BEARER = "bearer";

    /**
     * Every problem type the API answers ({@code urn:segfold:problem:<type>}), with its status and
     * when it happens; {@code http-<status>} covers what the HTTP layer refuses (405, 406, 415...).
     */
    public static final List<ProblemType> TYPES = List.of(
            new ProblemType("invalid-run-request", 400, "the JSON or YAML run request breaks a rule; errors name each field"),
            new ProblemType("unknown-dataset", 400, "the request's dataset is not in the data-set bucket"),
            new ProblemType("unauthenticated", 401, "no bearer token, or one that is expired, forged, of another issuer or audience"),
            new ProblemType("forbidden", 403, "the token's role is too low (read < submit < admin), or a submitter acts on another's run"),
            new ProblemType("run-not-found", 404, "no run has this id"),
            new ProblemType("config-not-found", 404, "the run has no fold config of this name"),
            new ProblemType("submission-not-ready", 404, "the run's submission archive is not built yet"),
            new ProblemType("service-unavailable", 503, "object storage or the broker failed; the same request may succeed later"),
            new ProblemType("http-<status>", 0, "refused by the HTTP layer: wrong method, media type or Accept header"));

    /**
     * One problem type.
     *
     * @param type   the last segment of its URN
     * @param status its HTTP status (0: the status in its name)
     * @param when   when the API answers it
     */
    public record ProblemType(String type, int status, String when) {}

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A JWT from the configured OIDC provider, or from the embedded stack's issuer "
                        + "(./segfold token --role read|submit|admin; .segfold/api-token). Roles come from the "
                        + "groups claim: read < submit < admin."));
        openAPI.getComponents().addSchema("FieldError", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("the field path, e.g. dataset, folds[2], train_dataset.fold; body for the document"))
                .addProperty("reason", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/runs")) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                document(path.getKey(), op.getKey(), op.getValue());
            }
        }
    }

    private static Schema problemSchema() {
        StringBuilder table = new StringBuilder("RFC 9457 problem details (application/problem+json). Types:\n");
        for (ProblemType t : TYPES) {
            table.append("- urn:segfold:problem:").append(t.type())
                    .append(t.status() == 0 ? "" : " (" + t.status() + ")").append(": ").append(t.when()).append('\n');
        }
        Schema string = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)).description(table.toString())
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uri")
                        .description("urn:segfold:problem:<type>, one of the types above"))
                .addProperty("title", string).addProperty("status", OASFactory.createSchema()
                        .type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("every reason, joined"))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("the request path"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("FieldError")))
                .addProperty("runId", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("the run id given before the failure, if any"))
                .required(List.of("type", "title", "status"));
    }

    /** The problems an operation can answer, and its bearer requirement. */
    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
        problem(operation, 401, "unauthenticated");
        problem(operation, 403, "forbidden");
        if (method == PathItem.HttpMethod.POST) {
            problem(operation, 400, "invalid-run-request, unknown-dataset");
            problem(operation, 503, "service-unavailable");
        }
        if (path.contains("{id}")) {
            if (method != PathItem.HttpMethod.POST) {
                problem(operation, 400, "invalid-run-request (a malformed id or file name)");
            }
            problem(operation, 404, path.endsWith("{name}") ? "run-not-found, config-not-found"
                    : path.endsWith("submission") ? "run-not-found, submission-not-ready" : "run-not-found");
        }
        if (method == PathItem.HttpMethod.DELETE) {
            problem(operation, 503, "service-unavailable");
        }
    }

    private static void problem(Operation operation, int status, String types) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponse response = OASFactory.createAPIResponse()
                .description("problem details: " + types)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
        operation.getResponses().addAPIResponse(String.valueOf(status), response);
    }
}
