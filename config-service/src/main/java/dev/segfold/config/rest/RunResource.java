package dev.segfold.config.rest;

import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.config.config.ConfigServiceSettings;
import dev.segfold.config.projection.RunProjection;
import dev.segfold.config.projection.RunState;
import dev.segfold.config.projection.RunView;
import dev.segfold.config.projection.StoredRunViews;
import dev.segfold.config.retry.FoldRetries;
import dev.segfold.config.retry.RetriedFold;
import dev.segfold.config.security.RunAccess;
import dev.segfold.config.service.AcceptedRun;
import dev.segfold.config.service.RunCancellation;
import dev.segfold.config.service.RunFiles;
import dev.segfold.config.service.RunSubmissions;
import dev.segfold.config.submission.SubmissionReader;
import dev.segfold.contracts.access.ApiRole;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.SpecProblem;
import dev.segfold.contracts.storage.KeySegments;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The REST API of DESIGN §5: submit, list, inspect, follow, fetch configs and submission, cancel,
 * retry failed folds.
 * Every method names the role it needs ({@code read}, {@code submit}; {@code admin} includes both);
 * an endpoint without {@code @RolesAllowed} is denied by {@code deny-unannotated-endpoints} and
 * fails {@code EndpointRulesTest}.
 */
@Path("/runs")
public class RunResource {
    private static final Logger LOG = Logger.getLogger(RunResource.class);
    /** Media types accepted for a PaddleSeg YAML body. */
    static final String[] YAML = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"};

    private final SubmissionReader reader;
    private final RunSubmissions submissions;
    private final RunProjection projection;
    private final RunFiles files;
    private final RunCancellation cancellation;
    private final SecurityIdentity caller;
    private final ConfigServiceSettings settings;
    private final FoldRetries retries;
    private final MeterRegistry meters;
    /** Field-injected so that the stalled-fold view stays apart from the constructor (issue 9). */
    @jakarta.inject.Inject
    dev.segfold.config.stall.TrainerLeases leases;

    public RunResource(SubmissionReader reader, RunSubmissions submissions, RunProjection projection, RunFiles files,
                       RunCancellation cancellation, SecurityIdentity caller, ConfigServiceSettings settings,
                       FoldRetries retries, MeterRegistry meters) {
        this.retries = retries;
        this.meters = meters;
        meters.counter("segfold.api.runs.accepted"); // registered at 0, so a scrape sees it before any run
        this.caller = caller;
        this.settings = settings;
        this.reader = reader;
        this.submissions = submissions;
        this.projection = projection;
        this.files = files;
        this.cancellation = cancellation;
    }

    /** A JSON run request; query parameters belong to YAML submissions only. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRole.SUBMIT_NAME)
    public Response submitJson(byte[] body, @Context UriInfo uri) {
        if (!uri.getQueryParameters().isEmpty()) {
            List<SpecProblem> problems = new ArrayList<>();
            uri.getQueryParameters().keySet().forEach(name -> problems.add(new SpecProblem(name,
                    "query parameters only accompany a YAML body; put it in the JSON request")));
            throw new InvalidSpecException("run request", problems);
        }
        String runId = submissions.newRunId();
        return accepted(submissions.submit(runId, reader.readJson(body == null ? new byte[0] : body, runId),
                caller.getPrincipal().getName()));
    }

    /** A PaddleSeg YAML with query parameters ({@code dataset}, {@code folds}, {@code import}, ...). */
    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRole.SUBMIT_NAME)
    public Response submitYaml(byte[] body, @Context UriInfo uri) {
        Map<String, List<String>> query = new LinkedHashMap<>(uri.getQueryParameters());
        String runId = submissions.newRunId();
        return accepted(submissions.submit(runId, reader.readYaml(body == null ? new byte[0] : body, query, runId),
                caller.getPrincipal().getName()));
    }

    private Response accepted(AcceptedRun run) {
        meters.counter("segfold.api.runs.accepted").increment(); // segfold_api_runs_accepted_total
        return Response.accepted(SubmissionResponse.of(run)).location(URI.create("/runs/" + run.runId())).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRole.READ_NAME)
    public List<RunView> runs() {
        return projection.runs();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRole.READ_NAME)
    public RunView run(@PathParam("id") String id) {
        requireId(id);
        return leases.annotate(projection.run(id).orElseGet(() -> files.runJson(id).map(StoredRunViews::pending)
                .orElseThrow(() -> RunNotFoundException.run(id))));
    }

    /** Server-sent events: the run's kept status events, then each new one as it arrives. */
    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(ApiRole.READ_NAME)
    public void events(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        requireKnown(id);
        AtomicReference<AutoCloseable> subscription = new AtomicReference<>();
        subscription.set(projection.subscribe(id, envelope -> {
            if (sink.isClosed()) {
                close(subscription.get());
                return;
            }
            sink.send(sse.newEventBuilder()
                    .id(envelope.id())
                    .name(envelope.type())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, ContractJson.writeString(envelope))
                    .build()).exceptionally(e -> {
                        close(subscription.get());
                        return null;
                    });
        }));
    }

    private static void close(AutoCloseable subscription) {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debugf("closing an SSE subscription: %s", e.getMessage());
            }
        }
    }

    /** The run's per-fold config keys. */
    @GET
    @Path("{id}/configs")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRole.READ_NAME)
    public List<String> configs(@PathParam("id") String id) {
        requireKnown(id);
        return files.configKeys(id);
    }

    /** One per-fold config, {@code nnunet_fold<k>.yml}, as stored. */
    @GET
    @Path("{id}/configs/{name}")
    @Produces("application/yaml")
    @RolesAllowed(ApiRole.READ_NAME)
    public byte[] config(@PathParam("id") String id, @PathParam("name") String name,
                         @QueryParam("configuration") String configuration) {
        requireId(id);
        if (!RunFiles.CONFIG_NAME.matcher(name).matches()) {
            throw new InvalidSpecException("config name", List.of(new SpecProblem("name",
                    "must be nnunet_fold<k>.yml with k a fold number, e.g. nnunet_fold0.yml")));
        }
        if (configuration != null) {
            requireSegment("configuration", configuration);
        }
        return files.config(id, configuration, name).orElseThrow(() -> new RunNotFoundException("config-not-found",
                "The config does not exist", "name", "run '" + id + "' has no config " + name
                + (configuration == null ? "" : " for configuration " + configuration)));
    }

    /**
     * {@code package/submission.zip}: streamed by the API (the default), or a 307 to a URL signed
     * for the public S3 endpoint and valid for minutes ({@code segfold.config.submission.*}); 404
     * until it exists. The URL goes to this caller only: no event and no log line holds one.
     */
    @GET
    @Path("{id}/submission")
    @Produces({"application/zip", Problem.MEDIA_TYPE})
    @RolesAllowed(ApiRole.READ_NAME)
    public Response submission(@PathParam("id") String id) {
        requireId(id);
        OptionalLong size = files.submissionSize(id);
        if (size.isEmpty()) {
            throw new RunNotFoundException("submission-not-ready", "The submission does not exist yet",
                    "id", "run '" + id + "' has no package/submission.zip yet"
                    + projection.run(id).map(v -> "; the run is " + v.state()
                    + (v.waitingFor().isEmpty() ? "" : ", waiting for " + String.join(", ", v.waitingFor())))
                    .orElse(""));
        }
        if (settings.submission().mode() == ConfigServiceSettings.SubmissionDelivery.Mode.REDIRECT) {
            return Response.temporaryRedirect(URI.create(files.submissionUrl(id)))
                    .header("Cache-Control", "no-store").build();
        }
        StreamingOutput body = out -> {
            try (InputStream in = files.openSubmission(id)) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, "application/zip")
                .header("Content-Length", size.getAsLong())
                .header("Content-Disposition", "attachment; filename=\"submission.zip\"")
                .build();
    }

    /** Cancels the run: the marker object for the trainers, and a cancellation status event. */
    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRole.SUBMIT_NAME)
    public Response cancel(@PathParam("id") String id) throws InterruptedException {
        requireKnown(id);
        RunAccess.requireMayChange(caller, id, submitter(id));
        String key = cancellation.cancel(id, caller.getPrincipal().getName());
        return Response.accepted(Map.of("runId", id, "state", RunState.CANCELLED, "cancelKey", key)).build();
    }

    /**
     * Restarts the run's failed folds ({@code fold=K}: only fold K, of any stage) from their newest
     * checkpoint, as a new round of attempts; 202 with the folds retried and those that could not be.
     */
    @POST
    @Path("{id}/retry")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRole.SUBMIT_NAME)
    public Response retry(@PathParam("id") String id, @QueryParam("fold") String fold) {
        requireKnown(id);
        RunAccess.requireMayChange(caller, id, submitter(id));
        Integer k = null;
        if (fold != null) {
            try {
                k = Integer.valueOf(fold.strip());
            } catch (NumberFormatException e) {
                throw new InvalidSpecException("query", List.of(new SpecProblem("fold", "'" + fold
                        + "' is not a fold number")));
            }
            if (k < 0 || k > dev.segfold.contracts.storage.FoldLayout.MAX_FOLD) {
                throw new InvalidSpecException("query", List.of(new SpecProblem("fold", "fold " + k + " is outside 0.."
                        + dev.segfold.contracts.storage.FoldLayout.MAX_FOLD)));
            }
        }
        List<RetriedFold> folds;
        try {
            folds = retries.retryFailed(id, k);
        } catch (IllegalStateException e) {
            throw new RunConflictException(fold == null ? "id" : "fold", e.getMessage());
        }
        if (folds.stream().allMatch(f -> f.attempt() == null)) {
            throw new RunConflictException(fold == null ? "id" : "fold", "run " + id + ": no failed fold can be "
                    + "retried: " + String.join("; ", folds.stream().map(f -> "stage " + f.stage() + " fold " + f.fold()
                    + " " + f.reason()).toList()));
        }
        LOG.infof("run %s: %s retried %s", id, caller.getPrincipal().getName(), folds);
        return Response.accepted(Map.of("runId", id, "folds", folds)).build();
    }

    /** Who submitted the run: run.json (the source of truth), else the projection's RunAccepted. */
    private java.util.Optional<String> submitter(String id) {
        return files.runJson(id).map(json -> json.path("submittedBy").asText(null))
                .or(() -> projection.run(id).map(RunView::submittedBy));
    }

    private void requireKnown(String id) {
        requireId(id);
        if (projection.run(id).isEmpty() && !files.exists(id)) {
            throw RunNotFoundException.run(id);
        }
    }

    private static void requireId(String id) {
        requireSegment("id", id);
    }

    private static void requireSegment(String field, String value) {
        try {
            KeySegments.require(field, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("path", List.of(new SpecProblem(field, e.getMessage())));
        }
    }
}
