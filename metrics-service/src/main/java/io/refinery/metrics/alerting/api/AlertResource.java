package io.refinery.metrics.alerting.api;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.metrics.alerting.domain.Alert;
import io.refinery.metrics.alerting.domain.AlertQueries;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.QueryParams;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;

/** Alerts raised by rules, {@code /api/v1/alerts}, newest first. */
@Path("/api/v1/alerts")
@Tag(name = "Alerts", description = "Alert lifecycle: PENDING, FIRING, ACKNOWLEDGED, RESOLVED (CANCELLED for a pending streak that ended)")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final AlertQueries alerts;
    private final ObjectMapper mapper;

    public AlertResource(AlertQueries alerts, ObjectMapper mapper) {
        this.alerts = alerts;
        this.mapper = mapper;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "List alerts, newest first")
    public Uni<Page<AlertResponse>> list(@QueryParam("state") String state, @QueryParam("systemKey") String systemKey,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.checkLimit(limit);
        return alerts.page(QueryParams.enumValue(Alert.State.class, "state", state), systemKey, after(cursor), size + 1)
                .map(rows -> Page.of(rows, size, a -> a.openedAt + "|" + a.id, a -> AlertResponse.of(a, mapper)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "One alert with its breaching periods, their values and the baseline")
    public Uni<AlertResponse> get(@PathParam("id") String id) {
        return alerts.get(QueryParams.uuid("id", id)).map(a -> AlertResponse.of(a, mapper));
    }

    private static AlertQueries.After after(String cursor) {
        String position = Page.decode(cursor);
        if (position == null) {
            return null;
        }
        String[] parts = position.split("\\|", 2);
        try {
            return new AlertQueries.After(Instant.parse(parts[0]), QueryParams.uuid("cursor", parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidFieldsProblem("cursor", "is not a cursor returned by this API");
        }
    }
}
