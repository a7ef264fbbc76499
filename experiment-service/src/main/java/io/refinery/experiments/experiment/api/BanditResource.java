package io.refinery.experiments.experiment.api;

import java.time.Instant;
import java.util.List;


import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.refinery.experiments.assignment.domain.Assignments;
import io.refinery.experiments.experiment.design.BanditSpec;
import io.refinery.experiments.experiment.domain.BanditUpdates;
import io.refinery.experiments.experiment.domain.BanditWeights;
import io.refinery.experiments.experiment.domain.Experiment;
import io.refinery.experiments.experiment.domain.ExperimentJson;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/** A multi-armed bandit's weights and their history, {@code /api/v1/experiments/{key}/bandit}. */
@Path("/api/v1/experiments/{key}/bandit")
@Tag(name = "Experiments")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class BanditResource {

    private final BanditWeights weights;
    private final BanditUpdates updates;
    private final ExperimentJson json;
    private final Assignments assignments;

    public BanditResource(BanditWeights weights, BanditUpdates updates, ExperimentJson json, Assignments assignments) {
        this.weights = weights;
        this.updates = updates;
        this.json = json;
        this.assignments = assignments;
    }

    /**
     * A bandit's settings and every version of its weights, newest last.
     *
     * @param current the version assignment serves now (the last)
     */
    @Schema(name = "Bandit")
    public record BanditView(String experimentKey, BanditSpec settings, BanditWeights.Stored current,
            List<BanditWeights.Stored> history) {
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "A bandit's weights now and every earlier version", description = "Each version says why "
            + "(START: the declared weights; BURN_IN: an arm is below its burn-in; THOMPSON: P(best) on the primary "
            + "metric with the minimum share per arm; FROZEN: a sample ratio mismatch against the weights served), "
            + "when, the units per arm then, and P(best). An assignment names the version that drew it "
            + "(weightsVersion): with the unit's hash, the version explains the variant.")
    @APIResponse(responseCode = "404", description = "No such experiment")
    @APIResponse(responseCode = "409", description = "The experiment has fixed weights")
    public Uni<BanditView> get(@PathParam("key") String key) {
        return Panache.withSession(() -> bandit(key)).flatMap(e -> weights.history(e.id).map(h -> new BanditView(e.key,
                json.bandit(e), h.isEmpty() ? null : h.get(h.size() - 1), h)));
    }

    @POST
    @Path("/reweigh")
    @RolesAllowed({ Roles.ADMIN, Roles.REVIEWER })
    @Operation(summary = "Recompute a running bandit's weights now, whatever its clock says")
    @APIResponse(responseCode = "404", description = "No such experiment")
    @APIResponse(responseCode = "409", description = "Fixed weights, or not RUNNING")
    public Uni<BanditView> reweigh(@PathParam("key") String key) {
        return updates.stepNow(key, Instant.now()).call(assignments::refresh).flatMap(step -> get(key));
    }

    private static Uni<Experiment> bandit(String key) {
        return Experiment.<Experiment> find("key", key).firstResult().onItem().ifNull()
                .failWith(() -> new NotFoundProblem("no experiment with key '" + key + "'")).map(e -> {
                    if (e.bandit == null) {
                        throw new ConflictProblem("bandit", "experiment '" + key + "' has fixed weights, not a bandit");
                    }
                    return e;
                });
    }
}
