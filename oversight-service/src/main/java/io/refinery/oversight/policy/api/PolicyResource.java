package io.refinery.oversight.policy.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.oversight.policy.domain.PolicyService;
import io.refinery.oversight.system.api.SystemRequest;
import io.refinery.platform.api.Roles;
import io.smallrye.mutiny.Uni;

/** A system's oversight policy, {@code /api/v1/systems/{key}/policies}; versioned, changed by approvers. */
@Path("/api/v1/systems/{key}/policies")
@Tag(name = "Policies", description = "Which oversight tier each AI action gets")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    /** A hypothetical request for the simulator. */
    public record HypotheticalRequest(
            @NotBlank @Pattern(regexp = PolicyRequest.ACTION_TYPE, message = "must be UPPER_SNAKE_CASE, up to 64 characters")
            String actionType,
            Double magnitude, Double amount,
            @DecimalMin("0") @DecimalMax("1") Double confidence,
            @Size(max = 100) String category) {
    }

    /** Body of the simulator: omit {@code policy} to replay under the current one. */
    public record SimulationRequest(
            @NotBlank @Pattern(regexp = SystemRequest.KEY_PATTERN, message = "must be a lowercase slug") String systemKey,
            @Valid PolicyRequest policy,
            @Size(max = 500) List<@NotNull @Valid HypotheticalRequest> requests,
            @Min(0) @Max(500) Integer past) {
    }

    private final PolicyService policies;
    private final JsonWebToken caller;

    public PolicyResource(PolicyService policies, JsonWebToken caller) {
        this.policies = policies;
        this.caller = caller;
    }

    @PUT
    @RolesAllowed({ Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Replace a system's policy; the new version is audited with the approver's name")
    @APIResponse(responseCode = "200", description = "The new version")
    @APIResponse(responseCode = "404", description = "No such system")
    public Uni<PolicyResponse> replace(@PathParam("key") String key, @NotNull @Valid PolicyRequest request) {
        return policies.replace(key, request.toDocument(), request.tierShifts() != null, caller.getSubject()).map(PolicyResponse::of);
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "The current policy version of a system")
    @APIResponse(responseCode = "404", description = "No such system, or no policy yet")
    public Uni<PolicyResponse> current(@PathParam("key") String key) {
        return policies.current(key).map(PolicyResponse::of);
    }
}
