package io.refinery.metrics.rollup.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.metrics.rollup.domain.MetricSummary;
import io.refinery.metrics.rollup.domain.RollupBackfill;
import io.refinery.metrics.rollup.domain.RollupQueries;
import io.refinery.metrics.rollup.domain.Step;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.api.QueryParams;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.systems.KnownSystems;

/** Metrics seen for a system and their rolled-up series, {@code /api/v1/systems/{key}/metrics}. */
@Path("/api/v1/systems/{key}/metrics")
@Tag(name = "Metrics", description = "Rolled-up AI metric series")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    static final int MAX_POINTS = 10_000;
    private static final int DEFAULT_PERIODS = 30;

    private final KnownSystems systems;
    private final RollupQueries rollups;
    private final RollupBackfill backfill;

    public MetricsResource(KnownSystems systems, RollupQueries rollups, RollupBackfill backfill) {
        this.systems = systems;
        this.rollups = rollups;
        this.backfill = backfill;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Metrics seen for an AI system")
    public Uni<List<MetricSummary>> list(@PathParam("key") String key) {
        return systems.get(key).flatMap(s -> rollups.metrics(key));
    }

    @GET
    @Path("/{metric}/series")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "A metric's rolled-up series (value, count, min, max per period)")
    public Uni<SeriesResponse> series(@PathParam("key") String key, @PathParam("metric") String metric,
            @Parameter(description = "Inclusive start (ISO-8601 UTC); default 30 periods before to") @QueryParam("from") String from,
            @Parameter(description = "Exclusive end (ISO-8601 UTC); default now") @QueryParam("to") String to,
            @Parameter(description = "PT1H or P1D (default)") @QueryParam("step") String step,
            @Parameter(description = "Only this segment (dimensions.segment); default all") @QueryParam("segment") String segment) {
        Step s = step == null || step.isBlank() ? Step.P1D : QueryParams.enumValue(Step.class, "step", step);
        Instant end = to == null ? Instant.now() : instant("to", to);
        Instant start = from == null ? s.periodStart(end).minus(s.length().multipliedBy(DEFAULT_PERIODS)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidFieldsProblem("from", "must be before to");
        }
        if (Duration.between(start, end).dividedBy(s.length()) > MAX_POINTS) {
            throw new InvalidFieldsProblem("from", "the range holds more than " + MAX_POINTS + " periods of " + s);
        }
        String seg = segment == null || segment.isBlank() ? null : segment;
        return systems.get(key).flatMap(x -> rollups.series(key, metric, s, seg, start, end))
                .map(points -> SeriesResponse.of(key, metric, s, seg, start, end, points));
    }

    @POST
    @Path("/rollups/republish")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Publish a system's closed daily rollups again on refinery.metrics.rollups",
            description = "For history loaded after its days closed (the day close publishes each day once, when it "
                    + "closes). Days are published in time order, one event per metric and day; consumers keep one row "
                    + "per system, metric and day, so a day published twice changes nothing downstream.")
    public Uni<RollupBackfill.Published> republish(@PathParam("key") String key,
            @Parameter(description = "First day (ISO-8601 UTC; the day containing it)", required = true, example = "2026-09-13T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "Exclusive end (ISO-8601 UTC); at most the end of the last closed day", required = true, example = "2026-12-06T00:00:00Z") @QueryParam("to") String to) {
        if (from == null || from.isBlank()) {
            throw new InvalidFieldsProblem("from", "is required");
        }
        if (to == null || to.isBlank()) {
            throw new InvalidFieldsProblem("to", "is required");
        }
        Instant start = Step.P1D.periodStart(instant("from", from));
        Instant end = instant("to", to);
        Instant closed = backfill.closedUntil(Instant.now());
        if (end.isAfter(closed)) {
            throw new InvalidFieldsProblem("to", "days from " + closed + " on are not closed yet; the day close publishes them");
        }
        if (!start.isBefore(end)) {
            throw new InvalidFieldsProblem("from", "must be before to");
        }
        if (Duration.between(start, end).toDays() > RollupBackfill.MAX_DAYS) {
            throw new InvalidFieldsProblem("from", "the range holds more than " + RollupBackfill.MAX_DAYS + " days");
        }
        return systems.get(key).flatMap(x -> backfill.publish(key, start, end));
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldsProblem(field, "must be an ISO-8601 UTC timestamp such as 2026-11-24T00:00:00Z");
        }
    }
}
