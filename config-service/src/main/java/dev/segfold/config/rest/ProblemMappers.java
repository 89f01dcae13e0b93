package dev.segfold.config.rest;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import dev.segfold.config.security.NotRunSubmitterException;
import dev.segfold.config.service.RunRejectedException;
import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.SpecProblem;
import dev.segfold.service.storage.ObjectStoreException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Every error of the API as problem details that name the field and the reason (DESIGN §5),
 * authentication (401, field {@code Authorization}) and authorization (403, field {@code role} or
 * {@code id}) included. Authentication is lazy ({@code quarkus.http.auth.proactive=false}) so that
 * these mappers, not the HTTP layer, answer a refused token.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    MeterRegistry meters;

    /** Counts every problem answered: {@code segfold_api_problems_total{status,type}}. */
    private Problem counted(Problem problem) {
        String type = problem.type().toString();
        meters.counter("segfold.api.problems", "type", type.substring(type.lastIndexOf(':') + 1),
                "status", String.valueOf(problem.status())).increment();
        return problem;
    }

    @ServerExceptionMapper
    public Response invalidSpec(InvalidSpecException e, UriInfo uri) {
        return counted(Problem.of("invalid-run-request", "The run request is invalid", 400, path(uri), e.problems(), null)
                ).toResponse();
    }

    @ServerExceptionMapper
    public Response rejected(RunRejectedException e, UriInfo uri) {
        RunRejectedException.Kind kind = e.kind();
        return counted(Problem.of(kind.slug(), kind.title(), kind.status(), path(uri), e.problems(), e.runId())).toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(RunNotFoundException e, UriInfo uri) {
        return counted(Problem.of(e.kind(), e.title(), 404, path(uri), List.of(new SpecProblem(e.field(), e.getMessage())),
                null)).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(RunConflictException e, UriInfo uri) {
        return Problem.of("run-conflict", "The run's state does not allow this", 409, path(uri),
                List.of(new SpecProblem(e.field(), e.getMessage())), null).toResponse();
    }

    @ServerExceptionMapper
    public Response storage(ObjectStoreException e, UriInfo uri) {
        LOG.warnf("object store failed for %s: %s", path(uri), e.getMessage());
        return counted(Problem.of("service-unavailable", "A backing service is unavailable", 503, path(uri),
                List.of(new SpecProblem("", "the object store failed: " + e.getMessage())), null)).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String reason = e.getMessage() == null ? title : e.getMessage();
        return counted(Problem.of("http-" + status, title, status, path(uri), List.of(new SpecProblem("", reason)), null)
                ).toResponse();
    }

    /** No bearer token at all (401). */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri, "no bearer token: send Authorization: Bearer <token> (the embedded stack writes "
                + "one to .segfold/api-token; ./segfold token --role read|submit|admin prints more)",
                "Bearer realm=\"segfold\"");
    }

    /** A token that was sent but not accepted: bad signature, other issuer or audience, expired (401). */
    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        String reason = BearerTokens.rejectionReason(headers.getHeaderString(HttpHeaders.AUTHORIZATION), Instant.now());
        LOG.debugf("token refused for %s: %s", path(uri), reason);
        return unauthorized(uri, reason, "Bearer realm=\"segfold\", error=\"invalid_token\"");
    }

    private Response unauthorized(UriInfo uri, String reason, String challenge) {
        return Response.fromResponse(counted(Problem.of("unauthenticated", "A valid bearer token is required", 401, path(uri),
                List.of(new SpecProblem(HttpHeaders.AUTHORIZATION, reason)), null)).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }

    /** A valid token without the role the endpoint needs (403), naming the role. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri, SimpleResourceInfo resource) {
        String needed = requiredRoles(resource);
        return counted(Problem.of("forbidden", "The token's role does not allow this", 403, path(uri),
                List.of(new SpecProblem("role", "needs the role " + needed + " (read < submit < admin); the token's "
                        + "groups claim does not grant it")), null)).toResponse();
    }

    /** A submitter acting on someone else's run (403). */
    @ServerExceptionMapper
    public Response notSubmitter(NotRunSubmitterException e, UriInfo uri) {
        return counted(Problem.of("forbidden", "The token's role does not allow this", 403, path(uri),
                List.of(new SpecProblem("id", e.getMessage())), e.runId())).toResponse();
    }

    private static String requiredRoles(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return "of this endpoint";
        }
        for (Method method : resource.getResourceClass().getMethods()) {
            if (method.getName().equals(resource.getMethodName())
                    && Arrays.equals(method.getParameterTypes(), resource.parameterTypes())) {
                RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
                if (roles != null) {
                    return String.join(" or ", roles.value());
                }
            }
        }
        return "of this endpoint";
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
