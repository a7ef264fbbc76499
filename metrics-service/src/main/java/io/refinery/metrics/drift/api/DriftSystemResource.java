package io.refinery.metrics.drift.api;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.metrics.drift.domain.ConceptDetectors;
import io.refinery.metrics.drift.domain.DriftRetrain;
import io.refinery.metrics.drift.domain.DriftRuns;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.api.Roles;

/** Per-system drift settings and history: the concept-drift detector and retrains, {@code /api/v1/drift/systems/{key}}. */
@Path("/api/v1/drift/systems/{key}")
@Tag(name = "Drift")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class DriftSystemResource {

    @Schema(name = "RetrainRequest", description = "A retrain of the system's model that went live")
    public record RetrainRequest(
            @Schema(description = "When the retrained model went live; default now; not in the future",
                    example = "2026-11-24T08:00:00Z") Instant at,
            @Schema(example = "retrained on the last 28 days") @Size(max = 1000) String note) {
    }

    @Schema(name = "Retrain")
    public record RetrainResponse(UUID id, String systemKey, Instant at, String note, String recordedBy,
            Instant recordedAt) {

        static RetrainResponse of(DriftRetrain r) {
            return new RetrainResponse(r.id, r.systemKey, r.at, r.note, r.recordedBy, r.recordedAt);
        }
    }

    @Schema(name = "ConceptDetectorRequest")
    public record ConceptDetectorRequest(
            @Schema(example = "PAGE_HINKLEY") @NotNull ConceptDetectors.Kind detector,
            @Schema(description = "Fields over the detector's defaults. ADWIN: delta (0.002), clock (32), maxBuckets (5), "
                    + "minSubWindow (5). PAGE_HINKLEY: minInstances (30), delta (0.005), lambda (50), alpha (0.9999)",
                    example = "{\"lambda\": 25}") JsonNode parameters) {
    }

    private final ConceptDetectors detectors;
    private final DriftRuns runs;
    private final JsonWebToken caller;

    public DriftSystemResource(ConceptDetectors detectors, DriftRuns runs, JsonWebToken caller) {
        this.detectors = detectors;
        this.runs = runs;
        this.caller = caller;
    }

    @POST
    @Path("/retrains")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Record a retrain of the system's model",
            description = "Concept drift detected after a retrain that followed the previous concept drift recommends "
                    + "REVISE_ARCHITECTURE: the retrain did not hold.")
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "400", description = "at in the future, or note too long")
    @APIResponse(responseCode = "422", description = "Unknown AI system")
    public Uni<Response> retrain(@PathParam("key") String key, @Valid RetrainRequest request) {
        RetrainRequest body = request == null ? new RetrainRequest(null, null) : request;
        return runs.recordRetrain(key, body.at(), body.note(), caller.getSubject()).map(r -> Response
                .created(URI.create("/api/v1/drift/systems/" + key + "/retrains/" + r.id))
                .entity(RetrainResponse.of(r)).build());
    }

    @GET
    @Path("/concept")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "The system's concept-drift detector: kind, parameters, window and detections")
    @APIResponse(responseCode = "404", description = "Unknown AI system")
    public Uni<ConceptDetectors.View> concept(@PathParam("key") String key) {
        return detectors.view(key);
    }

    @PUT
    @Path("/concept")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Choose the system's concept-drift detector (ADWIN by default, or PAGE_HINKLEY)",
            description = "Resets the detector: errors seen under other settings are not carried over.")
    @APIResponse(responseCode = "400", description = "Unknown detector or parameter, or a parameter out of range")
    @APIResponse(responseCode = "422", description = "Unknown AI system")
    public Uni<ConceptDetectors.View> configure(@PathParam("key") String key, @NotNull @Valid ConceptDetectorRequest request) {
        return detectors.configure(key, request.detector(), request.parameters(), caller.getSubject());
    }
}
