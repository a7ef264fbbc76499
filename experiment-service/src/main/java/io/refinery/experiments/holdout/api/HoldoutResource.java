package io.refinery.experiments.holdout.api;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.experiments.assignment.domain.Assignments;
import io.refinery.experiments.experiment.domain.ExperimentJson;
import io.refinery.experiments.holdout.domain.HoldoutInput;
import io.refinery.experiments.holdout.domain.Holdouts;
import io.refinery.experiments.rollout.domain.RolloutAssignments;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.Roles;
import io.smallrye.mutiny.Uni;

/** Holdouts per AI system, {@code /api/v1/holdouts}. */
@Path("/api/v1/holdouts")
@Tag(name = "Holdouts", description = "A share of a system's units kept out of every later experiment and rollout, "
        + "to measure the cumulative impact of what ships")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class HoldoutResource {

    private final Holdouts holdouts;
    private final ExperimentJson json;
    private final Assignments assignments;
    private final RolloutAssignments rollouts;
    private final JsonWebToken caller;

    public HoldoutResource(Holdouts holdouts, ExperimentJson json, Assignments assignments, RolloutAssignments rollouts,
            JsonWebToken caller) {
        this.holdouts = holdouts;
        this.json = json;
        this.assignments = assignments;
        this.rollouts = rollouts;
        this.caller = caller;
    }

    /** Body of {@code POST /{key}/release}. */
    public record ReleaseRequest(String rationale) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.APPROVER })
    @Operation(summary = "Start a holdout on a system (RUNNING at once)", description = "From now on, the share of the "
            + "system's units it draws is kept out of every experiment and rollout of the system started after this "
            + "moment (assignment answers reason HOLDOUT and heldOutBy), and shops keep those units on the baseline "
            + "of every change shipped meanwhile. Its exposures and outcomes are sent like an experiment's, under the "
            + "holdout's key (variants holdout and exposed). One holdout per system at a time. Refused with 422 "
            + "naming the field for a share outside (0, 0.5], a missing metric, minimum detectable effect or max "
            + "duration, or a max duration too short for the held-out share to reach its sample.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HoldoutInput.class),
            examples = @ExampleObject(name = "quarterly holdout", value = "{\"key\": \"reco-holdout-2027q1\", "
                    + "\"systemKey\": \"reco-engine\", \"share\": 0.05, \"primaryMetric\": {\"name\": \"conversion\", "
                    + "\"type\": \"BINOMIAL\", \"direction\": \"INCREASE\", \"minimumDetectableEffect\": 0.05, "
                    + "\"baselineRate\": 0.1}, \"maxDuration\": \"P91D\", "
                    + "\"expectedDailyUnits\": 40000}")))
    @APIResponse(responseCode = "201", description = "Started")
    @APIResponse(responseCode = "400", description = "Unreadable body: malformed JSON, wrong type, unknown enum value")
    @APIResponse(responseCode = "409", description = "The key is taken, or the system runs a holdout already")
    @APIResponse(responseCode = "422", description = "The holdout cannot be accepted; each field is named")
    public Uni<Response> create(HoldoutInput input) {
        return holdouts.create(input, caller.getSubject()).call(assignments::refresh)
                .map(e -> Response.created(URI.create("/api/v1/holdouts/" + e.key)).entity(HoldoutView.of(e, json))
                        .build());
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "List holdouts by key, optionally of one system")
    public Uni<Page<HoldoutView>> list(@QueryParam("systemKey") String systemKey,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.checkLimit(limit);
        return holdouts.page(systemKey, Page.decode(cursor), size + 1)
                .map(rows -> Page.of(rows, size, e -> e.key, e -> HoldoutView.of(e, json)));
    }

    @GET
    @Path("/{key}")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "One holdout, its cumulative impact now and what shipped since it began",
            description = "impact compares the exposed units with the held-out ones on the holdout's metric, with the "
                    + "same statistics as an experiment's results (the holdout's analysis method); advice says whether "
                    + "what shipped helped (IMPACT_POSITIVE), hurt (IMPACT_NEGATIVE), or made no difference the "
                    + "holdout could see (NO_IMPACT_DETECTED).")
    @APIResponse(responseCode = "404", description = "No such holdout")
    public Uni<HoldoutView> get(@PathParam("key") String key) {
        return holdouts.read(key).map(r -> HoldoutView.of(r, json));
    }

    @POST
    @Path("/{key}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.APPROVER })
    @Operation(summary = "Release a holdout: its units get every change from now on",
            description = "Concludes it with RELEASE and publishes its final reading "
                    + "(io.refinery.experiments.holdout.measured.v1, finalReading true). It is released automatically "
                    + "at its max duration.")
    @APIResponse(responseCode = "404", description = "No such holdout")
    @APIResponse(responseCode = "409", description = "Released already")
    public Uni<HoldoutView> release(@PathParam("key") String key, ReleaseRequest request) {
        return holdouts.release(key, caller.getSubject(), request == null ? null : request.rationale())
                .call(assignments::refresh).call(rollouts::refresh).flatMap(e -> holdouts.read(key))
                .map(r -> HoldoutView.of(r, json));
    }
}
