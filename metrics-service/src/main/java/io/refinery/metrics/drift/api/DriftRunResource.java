package io.refinery.metrics.drift.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.metrics.drift.domain.DriftRuns;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.Roles;

/** Drift runs across monitors, {@code /api/v1/drift/runs?systemKey=}, newest first (e.g. "the latest drift run"). */
@Path("/api/v1/drift/runs")
@Tag(name = "Drift")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class DriftRunResource {

    private final DriftRuns runs;
    private final ObjectMapper mapper;

    public DriftRunResource(DriftRuns runs, ObjectMapper mapper) {
        this.runs = runs;
        this.mapper = mapper;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Drift runs of every monitor, optionally of one system, newest first")
    public Uni<Page<DriftRunResponse>> list(@QueryParam("systemKey") String systemKey,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.checkLimit(limit);
        return runs.ofSystem(systemKey, DriftMonitorResource.after(cursor), size + 1)
                .map(rows -> Page.of(rows, size, r -> r.evaluatedAt + "|" + r.id, r -> DriftRunResponse.of(r, mapper)));
    }
}
