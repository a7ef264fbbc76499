package io.refinery.experiments.rollout.api;

import java.net.URI;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.experiments.assignment.api.UnitIds;
import io.refinery.experiments.assignment.domain.Assignments;
import io.refinery.experiments.rollout.domain.RolloutAssignments;
import io.refinery.experiments.rollout.domain.RolloutConfig;
import io.refinery.experiments.rollout.domain.RolloutService;
import io.refinery.experiments.rollout.machine.RolloutTraffic;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.smallrye.mutiny.Uni;

/** Phased rollouts, {@code /api/v1/rollouts}: readiness, phases gated by oversight, attribute-aware assignment. */
@Path("/api/v1/rollouts")
@Tag(name = "Rollouts", description = "Scaling a pilot phase by phase, each phase approved by oversight")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutResource {

    /** The assignment call's body. */
    public record AssignmentRequest(String unitId, Map<String, String> attributes) {
    }


    private final RolloutService rollouts;
    private final RolloutAssignments snapshot;
    private final RolloutConfig config;
    private final ObjectMapper mapper;
    private final JsonWebToken caller;
    private final Assignments assignments;

    public RolloutResource(RolloutService rollouts, RolloutAssignments snapshot, RolloutConfig config, ObjectMapper mapper,
            JsonWebToken caller, Assignments assignments) {
        this.rollouts = rollouts;
        this.assignments = assignments;
        this.snapshot = snapshot;
        this.config = config;
        this.mapper = mapper;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.REVIEWER })
    @Operation(summary = "Create a rollout",
            description = "Data infrastructure, system dependencies and financial projections are pre-filled from what "
                    + "the platform measured; people's scores are kept beside them. A dimension below the minimum (or "
                    + "measured but unconfirmed) blocks the rollout with the reason. A pilot that did not conclude SHIP of "
                    + "the variant needs overrideReason and an override from oversight. Otherwise the first phase's "
                    + "ROLLOUT_PHASE request goes to oversight at once.")
    @APIResponse(responseCode = "201", description = "Created: BLOCKED, AWAITING_OVERRIDE or AWAITING_GATE")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named")
    @APIResponse(responseCode = "409", description = "The key is taken")
    @APIResponse(responseCode = "422", description = "Unknown system, pilot or variant, or an override without a reason")
    public Uni<Response> create(RolloutRequest request) {
        if (request == null) {
            throw new InvalidFieldsProblem("body", "a rollout is required");
        }
        return rollouts.create(request.toInput(), caller.getSubject())
                .flatMap(r -> rollouts.details(r.key))
                .map(d -> Response.created(URI.create("/api/v1/rollouts/" + d.rollout().key)).entity(view(d)).build());
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Rollouts by key, optionally of one system")
    public Uni<Page<Map<String, Object>>> list(@QueryParam("systemKey") String systemKey,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.checkLimit(limit);
        return rollouts.page(systemKey, Page.decode(cursor), size + 1).map(rows -> Page.of(rows, size, r -> r.key,
                r -> Map.<String, Object> of("key", r.key, "systemKey", r.systemKey, "variant", r.variant, "state", r.state,
                        "currentPhase", r.phase, "updatedAt", r.updatedAt)));
    }

    @GET
    @Path("/{key}")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "A rollout: phase timeline, readiness gate, decisions and the current phase's live metrics")
    @APIResponse(responseCode = "404", description = "No such rollout")
    public Uni<RolloutView> get(@PathParam("key") String key) {
        return rollouts.details(key).map(this::view);
    }

    @PUT
    @Path("/{key}/readiness")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.REVIEWER })
    @Operation(summary = "Reassess a BLOCKED rollout's readiness (the dimensions given replace earlier answers)")
    @APIResponse(responseCode = "409", description = "Not BLOCKED")
    public Uni<RolloutView> reassess(@PathParam("key") String key, Map<String, RolloutRequest.DimensionBody> readiness) {
        java.util.List<FieldIssue> issues = new java.util.ArrayList<>();
        var given = RolloutRequest.readiness(readiness, issues);
        if (!issues.isEmpty()) {
            throw new InvalidFieldsProblem(issues);
        }
        return rollouts.reassess(key, given, caller.getSubject()).flatMap(r -> rollouts.details(r.key)).map(this::view);
    }

    @POST
    @Path("/{key}/advance")
    @RolesAllowed({ Roles.ADMIN, Roles.REVIEWER })
    @Operation(summary = "Ask oversight for the next phase (or complete after the last)",
            description = "Only when the current phase has run its minimum duration and meets its exit criteria.")
    @APIResponse(responseCode = "409", description = "Not RUNNING, too early, or exit criteria not met (with the numbers)")
    public Uni<RolloutView> advance(@PathParam("key") String key) {
        return rollouts.advance(key, caller.getSubject()).flatMap(r -> rollouts.details(r.key)).map(this::view);
    }

    @POST
    @Path("/{key}/assignment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INGEST, Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Whether a unit gets the rolled-out variant now",
            description = "attributes: category, region, segment, warehouse. In scope of the serving phase and under "
                    + "its traffic share (hash of the rollout key and unit id, stable as traffic grows). Served from "
                    + "memory; a decision shows within the snapshot refresh (2 s). POST /api/v1/assignments with "
                    + "attributes answers for every serving rollout of a system at once. A unit the system's holdout keeps "
                    + "out answers inRollout: false, reason HOLDOUT, for every rollout created since the holdout began.")
    @APIResponse(responseCode = "404", description = "No such rollout")
    public Uni<RolloutAssignments.Answer> assignment(@PathParam("key") String key, AssignmentRequest request) {
        if (request == null) {
            throw new InvalidFieldsProblem("unitId", "is required");
        }
        String unitId = UnitIds.check(request.unitId());
        Map<String, String> attributes = request.attributes() == null ? Map.of() : request.attributes();
        String system = snapshot.systemOf(key);
        RolloutAssignments.Answer served = snapshot.assign(key, unitId, attributes,
                system == null ? null : assignments.holdoutOf(system, unitId));
        if (served != null) {
            return Uni.createFrom().item(served);
        }
        // Not serving (or unknown): one read tells which.
        return rollouts.get(key).map(r -> new RolloutAssignments.Answer(key, unitId, false, null,
                RolloutTraffic.Reason.NOT_SERVING, null));
    }

    private RolloutView view(RolloutService.Details d) {
        return RolloutView.of(d, rollouts.json(), mapper, config.requireConfirmation());
    }
}
