package io.refinery.oversight.relaxation.api;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.oversight.relaxation.domain.Incidents;
import io.refinery.oversight.review.domain.ReviewIds;
import io.refinery.platform.api.Roles;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/reviews/{id}/override}: a reviewer rejects an auto-approved action after the fact. That is an
 * incident: the action type's tier is tightened one step at once (a new policy version that says why).
 */
@Path("/api/v1/reviews/{id}/override")
@Tag(name = "Relaxation")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OverrideResource {

    /** Why the automatic approval was wrong. */
    public record OverrideRequest(@NotBlank @Size(max = 4000) String rationale) {
    }

    private final Incidents incidents;
    private final JsonWebToken caller;

    public OverrideResource(Incidents incidents, JsonWebToken caller) {
        this.incidents = incidents;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({ Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Reject an auto-approved action after the fact: an incident that tightens its action type one tier")
    @APIResponse(responseCode = "201", description = "The incident, with the tier shift before and after")
    @APIResponse(responseCode = "409", description = "Not an automatic approval, or already overridden")
    public Uni<Response> override(@PathParam("id") String id, @NotNull @Valid OverrideRequest request) {
        return incidents.override(ReviewIds.ofPathId(id), request.rationale().strip(), caller.getSubject()).map(i -> Response
                .created(URI.create("/api/v1/systems/" + i.systemKey + "/relaxation"))
                .entity(RelaxationResource.IncidentView.of(i)).build());
    }
}
