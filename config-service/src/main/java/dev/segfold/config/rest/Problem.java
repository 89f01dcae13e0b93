package dev.segfold.config.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.segfold.contracts.spec.SpecProblem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem-details body ({@code application/problem+json}), with the extension member
 * {@code errors} listing each field and the reason, and {@code runId} when the failed request had
 * already been given a run id (its {@code RunFailed} event carries the same reasons).
 *
 * @param type     identifies the kind of problem, {@code urn:segfold:problem:<kind>}
 * @param title    the kind in words, the same for every occurrence
 * @param status   the HTTP status
 * @param detail   this occurrence in words: every reason, joined
 * @param instance the request path
 * @param errors   each field and its reason; a document-level problem names {@code body}
 * @param runId    the run id given before the failure, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors,
                      String runId) {

    /** The media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One field and what is wrong with it.
     *
     * @param field  the field path, e.g. {@code dataset}, {@code folds[2]}, {@code train_dataset.fold}
     * @param reason what is wrong
     */
    public record FieldError(String field, String reason) {
        static FieldError of(SpecProblem p) {
            return new FieldError(p.field().isEmpty() ? "body" : p.field(), p.reason());
        }
    }

    /** A problem of kind {@code kind} with these field problems. */
    public static Problem of(String kind, String title, int status, String instance, List<SpecProblem> problems,
                             String runId) {
        List<FieldError> errors = problems.stream().map(FieldError::of).toList();
        String detail = String.join("; ", errors.stream().map(e -> e.field() + ": " + e.reason()).toList());
        return new Problem(URI.create("urn:segfold:problem:" + kind), title, status, detail, instance, errors, runId);
    }

    /** The response carrying this problem. */
    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}
