package dev.segfold.config.viewer;

import dev.segfold.config.rest.RunNotFoundException;
import dev.segfold.contracts.access.ApiRole;
import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.SpecProblem;
import dev.segfold.contracts.storage.KeySegments;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.List;

/**
 * The data behind the run page's evaluation table and the 3D viewer: a run's cases and results,
 * and each case's NIfTI volumes, for callers with the {@code read} role. Path segments are
 * validated before any object key is built, so {@code ../} or an encoded separator in a case id is
 * a 400 naming the field, never a read outside the run or its data set.
 */
@Path("/runs/{id}")
public class VolumeResource {
    /** What a gzip-compressed NIfTI file is served as; the viewer knows the format from the file name. */
    static final String NIFTI_GZ = "application/gzip";

    private final RunVolumes volumes;

    public VolumeResource(RunVolumes volumes) {
        this.volumes = volumes;
    }

    /** The run's test and validation cases, each validation case's Dice, the postprocessing choices. */
    @GET
    @Path("results")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRole.READ_NAME)
    public RunResults results(@PathParam("id") String id) {
        requireSegment("id", id);
        return volumes.results(id);
    }

    /**
     * One volume of one case: {@code image.nii.gz}, {@code ensemble.nii.gz} (test cases),
     * {@code label.nii.gz} and {@code prediction.nii.gz} (validation cases), streamed as stored.
     */
    @GET
    @Path("volumes/{case}/{volume}")
    @Produces({NIFTI_GZ, "application/problem+json"})
    @RolesAllowed(ApiRole.READ_NAME)
    public Response volume(@PathParam("id") String id, @PathParam("case") String caseId,
                           @PathParam("volume") String volume) {
        requireSegment("id", id);
        requireSegment("case", caseId);
        VolumeKind kind = VolumeKind.fromFileName(volume);
        RunVolumes.Located located = volumes.locate(id, caseId, kind).orElseThrow(() -> new RunNotFoundException(
                "volume-not-found", "The volume does not exist", "case", "run '" + id + "' has no " + kind.fileName()
                + " for case " + caseId + switch (kind) {
                    case ENSEMBLE -> " (only test cases have one, once the ensemble is predicted)";
                    case PREDICTION -> " (only validation cases have one, once their fold is evaluated)";
                    case LABEL -> " (only training cases have a ground truth)";
                    case IMAGE -> " in its data set";
                }));
        StreamingOutput body = out -> {
            try (InputStream in = volumes.open(located)) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, NIFTI_GZ)
                .header("Content-Length", located.size())
                // Patient images: the browser keeps them for this page only.
                .header("Cache-Control", "private, no-store")
                .build();
    }

    private static void requireSegment(String field, String value) {
        try {
            KeySegments.require(field, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("path", List.of(new SpecProblem(field, e.getMessage())));
        }
    }
}
