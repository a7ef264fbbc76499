package io.refinery.experiments.experiment.api;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;

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

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.experiments.assignment.api.UnitIds;
import io.refinery.experiments.assignment.domain.Assignments;
import io.refinery.experiments.experiment.domain.ExperimentChecks;
import io.refinery.experiments.experiment.domain.ExperimentEvaluator;
import io.refinery.experiments.experiment.domain.ExperimentInteractions;
import io.refinery.experiments.experiment.domain.ExperimentInput;
import io.refinery.experiments.experiment.domain.ExperimentJson;
import io.refinery.experiments.experiment.domain.ExperimentLifecycle;
import io.refinery.experiments.experiment.domain.ExperimentSegments;
import io.refinery.experiments.experiment.domain.ExperimentService;
import io.refinery.experiments.experiment.domain.ExperimentState;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.QueryParams;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/** Experiments and their lifecycle, {@code /api/v1/experiments}. */
@Path("/api/v1/experiments")
@Tag(name = "Experiments", description = "Design, lifecycle DRAFT → RUNNING → STOPPED → CONCLUDED, results, assignment")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentResource {

    private final ExperimentService experiments;
    private final ExperimentLifecycle lifecycle;
    private final ExperimentJson json;
    private final Assignments assignments;
    private final ExperimentEvaluator evaluator;
    private final ExperimentChecks checks;
    private final ExperimentInteractions interactions;
    private final ExperimentSegments segments;
    private final JsonWebToken caller;

    public ExperimentResource(ExperimentService experiments, ExperimentLifecycle lifecycle, ExperimentJson json,
            Assignments assignments, ExperimentEvaluator evaluator, ExperimentChecks checks,
            ExperimentInteractions interactions, ExperimentSegments segments, JsonWebToken caller) {
        this.experiments = experiments;
        this.lifecycle = lifecycle;
        this.json = json;
        this.assignments = assignments;
        this.evaluator = evaluator;
        this.checks = checks;
        this.interactions = interactions;
        this.segments = segments;
        this.caller = caller;
    }

    /** Body of {@code POST /{key}/stop}. */
    public record StopRequest(String reason) {
    }

    /** Body of {@code POST /{key}/conclude}; without a decision the results' recommended decision is taken. */
    public record ConcludeRequest(String decision, String rationale) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.REVIEWER })
    @Operation(summary = "Create an experiment (DRAFT)", description = "Refused with 422 naming the field without a "
            + "primary metric, minimum detectable effect or max duration, without exactly one control, with weights "
            + "that do not sum to 1, or with a max duration too short for the required sample at expectedDailyUnits.")
    @APIResponse(responseCode = "201", description = "Created, with requiredUnitsPerVariant and any warnings")
    @APIResponse(responseCode = "400", description = "Unreadable body: malformed JSON, wrong type, unknown enum value")
    @APIResponse(responseCode = "409", description = "The key is taken")
    @APIResponse(responseCode = "422", description = "The design cannot be accepted; each field is named")
    public Uni<Response> create(ExperimentInput input) {
        return experiments.create(input, caller.getSubject()).call(assignments::refresh).map(e -> Response
                .created(URI.create("/api/v1/experiments/" + e.key)).entity(ExperimentView.of(e, json)).build());
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "List experiments by key, optionally of one system or in one state")
    public Uni<Page<ExperimentView>> list(@QueryParam("systemKey") String systemKey, @QueryParam("state") String state,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.checkLimit(limit);
        return experiments.page(systemKey, QueryParams.enumValue(ExperimentState.class, "state", state),
                Page.decode(cursor), size + 1).map(rows -> Page.of(rows, size, e -> e.key, e -> ExperimentView.of(e, json)));
    }

    @GET
    @Path("/{key}")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "One experiment")
    public Uni<ExperimentView> get(@PathParam("key") String key) {
        return experiments.get(key).map(e -> ExperimentView.of(e, json));
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.REVIEWER })
    @Operation(summary = "Change a DRAFT experiment (same checks as creation)")
    @APIResponse(responseCode = "409", description = "The experiment is no longer a DRAFT")
    public Uni<ExperimentView> update(@PathParam("key") String key, ExperimentInput input) {
        return experiments.update(key, input, caller.getSubject()).call(assignments::refresh)
                .map(e -> ExperimentView.of(e, json));
    }

    @POST
    @Path("/{key}/start")
    @RolesAllowed({ Roles.ADMIN, Roles.REVIEWER })
    @Operation(summary = "Start a DRAFT experiment: it assigns units and ends at startedAt + maxDuration at the latest")
    @APIResponse(responseCode = "409", description = "Not a DRAFT")
    public Uni<ExperimentView> start(@PathParam("key") String key) {
        return lifecycle.start(key, caller.getSubject()).call(assignments::refresh).map(e -> ExperimentView.of(e, json));
    }

    @POST
    @Path("/{key}/stop")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.REVIEWER })
    @Operation(summary = "Stop a RUNNING experiment: no more assignments or exposures; outcomes still count")
    @APIResponse(responseCode = "409", description = "Not RUNNING")
    public Uni<ExperimentView> stop(@PathParam("key") String key, StopRequest request) {
        return lifecycle.stop(key, caller.getSubject(), request == null ? null : request.reason())
                .call(assignments::refresh).map(e -> ExperimentView.of(e, json));
    }

    @POST
    @Path("/{key}/conclude")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.REVIEWER })
    @Operation(summary = "Conclude with SHIP:<variant>, KEEP_CONTROL or INCONCLUSIVE",
            description = "Without a decision the results' recommended decision is taken. SHIP also sends a "
                    + "MODEL_ROLLOUT oversight request.")
    @APIResponse(responseCode = "409", description = "Not RUNNING or STOPPED")
    @APIResponse(responseCode = "422", description = "The decision names no treatment variant")
    public Uni<ExperimentView> conclude(@PathParam("key") String key, ConcludeRequest request) {
        return lifecycle.conclude(key, caller.getSubject(), request == null ? null : request.decision(),
                request == null ? null : request.rationale()).call(assignments::refresh)
                .map(e -> ExperimentView.of(e, json));
    }

    @GET
    @Path("/{key}/segments")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Results per segment of one dimension the exposures carry (device, customer_type, region)",
            description = "In each segment every treatment against control on the primary metric (BINOMIAL or "
                    + "CONTINUOUS, after CUPED where every unit has a covariate); the p-values of all segments adjusted "
                    + "together by the experiment's correction; per treatment Cochran's Q test of whether the effect "
                    + "differs between segments (heterogeneous when p < alpha). Computed on request from the units.")
    @APIResponse(responseCode = "400", description = "No dimension, or not a dimension name")
    @APIResponse(responseCode = "404", description = "No experiment with that key")
    public Uni<ExperimentSegments.Report> segments(@PathParam("key") String key,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "A dimension the exposures'"
                    + " segments name", example = "customer_type") @QueryParam("dimension") String dimension) {
        return experiments.get(key).flatMap(e -> segments.of(e, dimension));
    }

    @GET
    @Path("/{key}/interactions")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Interactions with the other experiments of the same AI system that share units with it",
            description = "Per other experiment: the variant × variant table of the shared units with Pearson's "
                    + "chi-square test of independence (dependent when p < 0.001), and for a BINOMIAL or CONTINUOUS "
                    + "primary metric each treatment's effect under each of the other's variants against its effect "
                    + "under the other's control (difference of differences, robust standard errors, Holm-adjusted). "
                    + "interacting is true when either finds something. Computed on request from the units.")
    @APIResponse(responseCode = "404", description = "No experiment with that key")
    public Uni<ExperimentInteractions.Report> interactions(@PathParam("key") String key) {
        return experiments.get(key).flatMap(interactions::of);
    }

    @GET
    @Path("/{key}/results")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Results from the per-variant sufficient statistics",
            description = "A fixed-horizon (FREQUENTIST, BAYESIAN) experiment recommends a decision only once every "
                    + "variant reached the required sample or the experiment stopped; SEQUENTIAL may be read any time.")
    public Uni<ResultsView> results(@PathParam("key") String key) {
        return experiments.get(key).flatMap(e -> evaluator.results(e, e.state == ExperimentState.STOPPED
                || e.state == ExperimentState.CONCLUDED).map(r -> ResultsView.of(e, r, json)));
    }

    @POST
    @Path("/{key}/evaluate")
    @RolesAllowed({ Roles.ADMIN, Roles.REVIEWER })
    @Operation(summary = "Run the scheduler's check now, as of at (default now; may lie in the future)",
            description = "Past max duration: evaluated, stopped and concluded with the recommended decision. Fixed "
                    + "horizon at the required sample, or SEQUENTIAL across its boundary: evaluated and stopped. STOPPED "
                    + "and not concluded within the grace: an overdue event.")
    @APIResponse(responseCode = "409", description = "Not RUNNING or STOPPED")
    public Uni<EvaluationView> evaluate(@PathParam("key") String key, @QueryParam("at") String at) {
        Instant asOf = at == null || at.isBlank() ? Instant.now() : instant("at", at);
        return checks.evaluate(key, asOf).call(assignments::refresh).map(o -> EvaluationView.of(o, json));
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldsProblem(field, "must be an ISO-8601 UTC timestamp");
        }
    }

    @GET
    @NonBlocking
    @Path("/{key}/assignment")
    @RolesAllowed({ Roles.INGEST, Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "The unit's variant, from memory",
            description = "Deterministic: MurmurHash3 of experimentKey:unitId, first the traffic fraction, then the "
                    + "weights. inExperiment is false with reason NOT_RUNNING or NOT_IN_TRAFFIC.")
    @APIResponse(responseCode = "404", description = "No such experiment")
    public Assignments.Assignment assignment(@PathParam("key") String key, @QueryParam("unitId") String unitId) {
        return assignments.assign(key, UnitIds.check(unitId));
    }
}
