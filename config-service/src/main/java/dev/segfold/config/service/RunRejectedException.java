package dev.segfold.config.service;

import dev.segfold.contracts.spec.SpecProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A run request that passed the spec's rules but cannot be run (unknown data set, a data set the
 * engine cannot plan, a broker that did not take the fold requests). Becomes a problem-details
 * response; {@link #runId()} is set when the run had an id, so the caller can find its
 * {@code RunFailed} event.
 */
public class RunRejectedException extends RuntimeException {

    /** Why, as the {@code type} of a problem-details response. */
    public enum Kind {
        /** The request names something that does not exist or cannot be used: 400. */
        INVALID_REQUEST(400, "invalid-run-request", "The run request is invalid"),
        /** The data set is missing: 404 would name the wrong resource, so 400 naming {@code dataset}. */
        UNKNOWN_DATASET(400, "unknown-dataset", "The data set does not exist"),
        /** Storage or broker failed: 503, the same request may succeed later. */
        UNAVAILABLE(503, "service-unavailable", "A backing service is unavailable");

        private final int status;
        private final String slug;
        private final String title;

        Kind(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String slug() {
            return slug;
        }

        public String title() {
            return title;
        }
    }

    private final Kind kind;
    private final transient List<SpecProblem> problems;
    private final String runId;

    public RunRejectedException(Kind kind, List<SpecProblem> problems, String runId, Throwable cause) {
        super(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; ")), cause);
        this.kind = kind;
        this.problems = List.copyOf(problems);
        this.runId = runId;
    }

    public static RunRejectedException of(Kind kind, String field, String reason) {
        return new RunRejectedException(kind, List.of(new SpecProblem(field, reason)), null, null);
    }

    public Kind kind() {
        return kind;
    }

    public List<SpecProblem> problems() {
        return problems;
    }

    /** The run id given before the failure, or null. */
    public String runId() {
        return runId;
    }

    /** The same rejection, now belonging to run {@code id}. */
    public RunRejectedException forRun(String id) {
        return new RunRejectedException(kind, problems, id, getCause());
    }
}
