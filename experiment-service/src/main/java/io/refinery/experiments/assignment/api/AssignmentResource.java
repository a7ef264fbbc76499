package io.refinery.experiments.assignment.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.experiments.assignment.allocation.Holdout;
import io.refinery.experiments.assignment.domain.Assignments;
import io.refinery.experiments.rollout.domain.RolloutAssignments;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.smallrye.common.annotation.NonBlocking;

/** Assignment of a unit to every running experiment of a system, {@code POST /api/v1/assignments}. */
@Path("/api/v1/assignments")
@Tag(name = "Assignment", description = "Deterministic, served from memory (no database round trip)")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentResource {

    private final Assignments assignments;

    private final RolloutAssignments rollouts;

    public AssignmentResource(Assignments assignments, RolloutAssignments rollouts) {
        this.assignments = assignments;
        this.rollouts = rollouts;
    }

    @Schema(name = "AssignmentsRequest")
    public record AssignmentsRequest(@Schema(example = "user-42") String unitId,
            @Schema(example = "reco-engine") String systemKey,
            @Schema(description = "Optional: category, region, segment, warehouse; rollouts serve by them")
            java.util.Map<String, String> attributes) {
    }

    @Schema(name = "Assignments", description = "The unit's variant in each running experiment of the system")
    public record AssignmentsView(String unitId, String systemKey, List<Assignments.Assignment> assignments,
            @Schema(description = "Each rollout of the system that serves a phase: whether the unit gets its variant")
            List<RolloutAssignments.Answer> rollouts,
            @Schema(description = "The key of the system's running holdout when it keeps this unit out of every "
                    + "experiment and rollout started since it began, and of every change shipped meanwhile (keep "
                    + "the unit on the baseline); null otherwise", example = "reco-engine-2026-q4")
            String heldOutBy) {
    }

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INGEST, Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "The unit's variant in every running experiment of a system",
            description = "An experiment whose traffic fraction leaves the unit out answers inExperiment: false. With "
                    + "attributes (category, region, segment, warehouse), rollouts serving a phase answer too. A unit "
                    + "in the system's holdout answers reason HOLDOUT for every experiment and rollout started since "
                    + "the holdout began, and heldOutBy names the holdout.")
    public AssignmentsView assignAll(AssignmentsRequest request) {
        if (request == null) {
            throw new InvalidFieldsProblem("body", "is required: {unitId, systemKey}");
        }
        String unitId = UnitIds.check(request.unitId());
        if (request.systemKey() == null || request.systemKey().isBlank()) {
            throw new InvalidFieldsProblem("systemKey", "is required");
        }
        Holdout holdout = assignments.holdoutOf(request.systemKey(), unitId);
        return new AssignmentsView(unitId, request.systemKey(), assignments.assignAll(request.systemKey(), unitId),
                rollouts.assignAll(request.systemKey(), unitId,
                        request.attributes() == null ? java.util.Map.of() : request.attributes(), holdout),
                holdout == null ? null : holdout.key());
    }
}
