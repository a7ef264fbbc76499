package io.refinery.oversight.relaxation.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.oversight.relaxation.advisor.RelaxationBar;
import io.refinery.oversight.relaxation.domain.Incidents;
import io.refinery.oversight.relaxation.domain.RelaxationConfig;
import io.refinery.oversight.relaxation.domain.RelaxationIncident;
import io.refinery.oversight.relaxation.domain.RelaxationTracker;
import io.refinery.oversight.system.domain.SystemRegistry;
import io.refinery.platform.api.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Relaxation, {@code GET /api/v1/systems/{key}/relaxation}: each action type's decision track against the bar, its
 * tier shift and why, and the incidents that tightened it (see {@link OverrideResource} for the reviewer's
 * after-the-fact rejection of an auto-approved action).
 */
@Path("/api/v1/systems/{key}/relaxation")
@Tag(name = "Relaxation", description = "Oversight relaxes with evidence and an approver, and tightens on incidents")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class RelaxationResource {

    public record IncidentView(UUID id, String systemKey, String actionType, RelaxationIncident.Kind kind, UUID reviewId,
            String reason, String reportedBy, Instant occurredAt, int shiftBefore, int shiftAfter, Integer policyVersion) {

        static IncidentView of(RelaxationIncident i) {
            return new IncidentView(i.id, i.systemKey, i.actionType, i.kind, i.reviewId, i.reason, i.reportedBy, i.occurredAt,
                    i.shiftBefore, i.shiftAfter, i.policyVersion);
        }
    }

    public record Overview(String systemKey, RelaxationBar bar, String window, List<RelaxationTracker.TrackView> tracks,
            List<IncidentView> recentIncidents) {
    }

    private final SystemRegistry registry;
    private final RelaxationTracker tracker;
    private final Incidents incidents;
    private final RelaxationConfig config;
    public RelaxationResource(SystemRegistry registry, RelaxationTracker tracker, Incidents incidents, RelaxationConfig config) {
        this.registry = registry;
        this.tracker = tracker;
        this.incidents = incidents;
        this.config = config;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "404", description = "No such system")
    @Operation(summary = "Per action type: volume, approval, modification and rejection rates, incidents, tier shift, "
            + "and whether the track meets the relaxation bar (and why not)")
    public Uni<Overview> overview(@PathParam("key") String key) {
        return registry.get(key).flatMap(system -> tracker.overview(key))
                .flatMap(tracks -> incidents.of(key, 20).map(list -> new Overview(key, config.bar(), config.window().toString(),
                        tracks, list.stream().map(IncidentView::of).toList())));
    }
}
