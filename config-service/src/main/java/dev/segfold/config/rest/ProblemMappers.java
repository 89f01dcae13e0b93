package dev.segfold.config.rest;

import dev.segfold.config.service.RunRejectedException;
import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.SpecProblem;
import dev.segfold.service.storage.ObjectStoreException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the API as problem details that name the field and the reason (DESIGN §5). */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidSpec(InvalidSpecException e, UriInfo uri) {
        return Problem.of("invalid-run-request", "The run request is invalid", 400, path(uri), e.problems(), null)
                .toResponse();
    }

    @ServerExceptionMapper
    public Response rejected(RunRejectedException e, UriInfo uri) {
        RunRejectedException.Kind kind = e.kind();
        return Problem.of(kind.slug(), kind.title(), kind.status(), path(uri), e.problems(), e.runId()).toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(RunNotFoundException e, UriInfo uri) {
        return Problem.of(e.kind(), e.title(), 404, path(uri), List.of(new SpecProblem(e.field(), e.getMessage())),
                null).toResponse();
    }

    @ServerExceptionMapper
    public Response storage(ObjectStoreException e, UriInfo uri) {
        LOG.warnf("object store failed for %s: %s", path(uri), e.getMessage());
        return Problem.of("service-unavailable", "A backing service is unavailable", 503, path(uri),
                List.of(new SpecProblem("", "the object store failed: " + e.getMessage())), null).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String reason = e.getMessage() == null ? title : e.getMessage();
        return Problem.of("http-" + status, title, status, path(uri), List.of(new SpecProblem("", reason)), null)
                .toResponse();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
