package io.refinery.metrics.drift.api;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import io.refinery.platform.api.QueryParams;
import io.refinery.metrics.drift.domain.DriftEvaluations;
import io.refinery.metrics.drift.domain.DriftMonitorService;
import io.refinery.metrics.drift.domain.DriftRuns;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;

/** Data-drift monitors, {@code /api/v1/drift/monitors}, with their run history and on-demand evaluation. */
@Path("/api/v1/drift/monitors")
@Tag(name = "Drift")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class DriftMonitorResource {

    private final DriftMonitorService monitors;
    private final DriftEvaluations evaluations;
    private final DriftRuns runs;
    private final JsonWebToken caller;
    private final ObjectMapper mapper;

    public DriftMonitorResource(DriftMonitorService monitors, DriftEvaluations evaluations, DriftRuns runs,
            JsonWebToken caller, ObjectMapper mapper) {
        this.monitors = monitors;
        this.evaluations = evaluations;
        this.runs = runs;
        this.caller = caller;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a drift monitor",
            description = "Evaluated when its current window (whole UTC days) closes, plus a grace for late samples: "
                    + "each feature is compared between the windows (method per feature for AUTO), and the dataset "
                    + "drifted when the share of drifted features reaches datasetDriftShare.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named")
    @APIResponse(responseCode = "422", description = "Unknown AI system")
    public Uni<Response> create(@NotNull @Valid DriftMonitorRequest request) {
        return monitors.create(request.toDraft(), caller.getSubject()).map(m -> Response
                .created(URI.create("/api/v1/drift/monitors/" + m.id))
                .entity(DriftMonitorResponse.of(m, monitors.features(m))).build());
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "List drift monitors, optionally of one system")
    public Uni<Page<DriftMonitorResponse>> list(@QueryParam("systemKey") String systemKey,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.checkLimit(limit);
        String after = Page.decode(cursor);
        return monitors.page(systemKey, after == null ? null : QueryParams.uuid("cursor", after), size + 1)
                .map(rows -> Page.of(rows, size, m -> m.id.toString(), m -> DriftMonitorResponse.of(m, monitors.features(m))));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "One drift monitor")
    @APIResponse(responseCode = "404", description = "No such monitor (or retired)")
    public Uni<DriftMonitorResponse> get(@PathParam("id") String id) {
        return monitors.get(QueryParams.uuid("id", id)).map(m -> DriftMonitorResponse.of(m, monitors.features(m)));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a drift monitor's definition",
            description = "Same body as create; the system cannot change. Past runs keep the definition they ran with. "
                    + "A failing monitor is retried at the next scheduler tick.")
    @APIResponse(responseCode = "200", description = "Updated")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named")
    @APIResponse(responseCode = "404", description = "No such monitor (or retired)")
    @APIResponse(responseCode = "422", description = "Another AI system than the monitor's, or an unknown one")
    public Uni<DriftMonitorResponse> update(@PathParam("id") String id, @NotNull @Valid DriftMonitorRequest request) {
        return monitors.update(QueryParams.uuid("id", id), request.toDraft(), caller.getSubject())
                .map(m -> DriftMonitorResponse.of(m, monitors.features(m)));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Retire a drift monitor (its runs are kept)")
    @APIResponse(responseCode = "204", description = "Retired")
    public Uni<Response> delete(@PathParam("id") String id) {
        return monitors.delete(QueryParams.uuid("id", id), caller.getSubject()).map(x -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/runs")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "The monitor's runs, newest first, with per-feature statistics")
    @APIResponse(responseCode = "404", description = "No such monitor")
    public Uni<Page<DriftRunResponse>> runs(@PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.checkLimit(limit);
        return runs.ofMonitor(QueryParams.uuid("id", id), after(cursor), size + 1)
                .map(rows -> Page.of(rows, size, r -> r.evaluatedAt + "|" + r.id, r -> DriftRunResponse.of(r, mapper)));
    }

    @POST
    @Path("/{id}/evaluate")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Evaluate now over the closed days",
            description = "at (optional, ISO-8601, not in the future): evaluate as of that instant, i.e. with the current "
                    + "window ending at the UTC midnight before it. Publishes a detection like a scheduled run; the "
                    + "schedule is unchanged.")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such monitor (or retired)")
    public Uni<DriftRunResponse> evaluate(@PathParam("id") String id, @QueryParam("at") String at) {
        Instant now = Instant.now();
        Instant asOf = now;
        if (at != null) {
            try {
                asOf = Instant.parse(at);
            } catch (DateTimeParseException e) {
                throw new InvalidFieldsProblem("at", "must be an ISO-8601 UTC timestamp");
            }
        }
        if (asOf.isAfter(now)) {
            throw new InvalidFieldsProblem("at", "must not be in the future");
        }
        return evaluations.evaluate(QueryParams.uuid("id", id), asOf).map(r -> DriftRunResponse.of(r, mapper));
    }

    /** The position a runs cursor stands for (evaluatedAt|id), or null. */
    static DriftRuns.After after(String cursor) {
        return Page.position(cursor, DriftRuns.After::new);
    }
}
