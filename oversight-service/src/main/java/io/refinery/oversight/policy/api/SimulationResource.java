package io.refinery.oversight.policy.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.oversight.policy.api.PolicyResource.SimulationRequest;
import io.refinery.oversight.policy.domain.PolicySimulator;
import io.refinery.oversight.policy.tiers.Subject;
import io.refinery.platform.api.Roles;
import io.smallrye.mutiny.Uni;

/** {@code POST /api/v1/policies/simulate}: tiers under a draft policy, without writing anything. */
@Path("/api/v1/policies")
@Tag(name = "Policies")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SimulationResource {

    private final PolicySimulator simulator;

    public SimulationResource(PolicySimulator simulator) {
        this.simulator = simulator;
    }

    @POST
    @Path("/simulate")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Which tier past or hypothetical requests would get under a draft policy (writes nothing)")
    public Uni<PolicySimulator.Result> simulate(@NotNull @Valid SimulationRequest request) {
        List<Subject> subjects = request.requests() == null ? List.of() : request.requests().stream()
                .map(r -> new Subject(r.actionType(), r.magnitude(), r.amount(), r.confidence(), r.category())).toList();
        return simulator.simulate(request.systemKey(), request.policy() == null ? null : request.policy().toDocument(),
                request.policy() != null && request.policy().tierShifts() != null,
                subjects, request.past() == null ? 0 : request.past());
    }
}
