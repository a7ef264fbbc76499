package io.refinery.oversight.timeline.api;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.oversight.system.domain.SystemRegistry;
import io.refinery.oversight.timeline.domain.SystemTimeline;
import io.refinery.oversight.timeline.summary.EventCategory;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.QueryParams;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.smallrye.mutiny.Uni;

/** A system's timeline, {@code /api/v1/systems/{key}/timeline}: what changed just before a metric broke. */
@Path("/api/v1/systems/{key}/timeline")
@Tag(name = "Timeline", description = "Every event oversight sees about an AI system, in time order")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {

    static final Duration DEFAULT_SPAN = Duration.ofDays(30);
    static final Duration MAX_SPAN = Duration.ofDays(366);

    private final SystemRegistry registry;
    private final SystemTimeline timeline;

    public TimelineResource(SystemRegistry registry, SystemTimeline timeline) {
        this.registry = registry;
        this.timeline = timeline;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "The system's timeline",
            description = "Alerts fired and resolved, drift detected, experiments started, stopped, concluded and overdue, "
                    + "coverage gaps, rollout phases, feedback contradictions and theme spikes (as heard from the other "
                    + "services' topics), merged with this service's audit log: requests, decisions, escalations and "
                    + "policy changes. Window [from, to), default the 30 days before now, at most 366 days.")
    @APIResponse(responseCode = "200", description = "A page of entries")
    @APIResponse(responseCode = "400", description = "A parameter is invalid (named)")
    @APIResponse(responseCode = "404", description = "No such AI system")
    public Uni<Page<SystemTimeline.Entry>> timeline(@PathParam("key") String key,
            @Parameter(description = "ISO-8601 instant; default to minus 30 days") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default now") @QueryParam("to") String to,
            @Parameter(description = "Comma-separated: ALERT, DRIFT, EXPERIMENT, ROLLOUT, FEEDBACK, OVERSIGHT, OTHER; default all")
            @QueryParam("category") String category,
            @Parameter(description = "asc (oldest first, the default) or desc") @QueryParam("order") @DefaultValue("asc") String order,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.checkLimit(limit);
        Instant end = QueryParams.instant("to", to);
        end = end == null ? Instant.now() : end;
        Instant start = QueryParams.instant("from", from);
        start = start == null ? end.minus(DEFAULT_SPAN) : start;
        if (!start.isBefore(end)) {
            throw new InvalidFieldsProblem("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw new InvalidFieldsProblem("from", "the window may span at most 366 days");
        }
        boolean newestFirst = switch (order.strip().toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw new InvalidFieldsProblem("order", "must be asc or desc");
        };
        Set<EventCategory> categories = categories(category);
        String[] position = position(cursor);
        SystemTimeline.Query query = new SystemTimeline.Query(key, start, end, categories, newestFirst,
                position == null ? null : Instant.parse(position[0]), position == null ? null : position[1], size + 1);
        return registry.get(key).flatMap(system -> timeline.page(query))
                .map(rows -> Page.of(rows, size, e -> e.at() + "|" + e.id(), e -> e));
    }

    private static Set<EventCategory> categories(String value) {
        if (value == null || value.isBlank()) {
            return EnumSet.allOf(EventCategory.class);
        }
        Set<EventCategory> categories = EnumSet.noneOf(EventCategory.class);
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                categories.add(QueryParams.enumValue(EventCategory.class, "category", part));
            }
        }
        if (categories.isEmpty()) {
            throw new InvalidFieldsProblem("category", "names no category");
        }
        return categories;
    }

    private static String[] position(String cursor) {
        String position = Page.decode(cursor);
        if (position == null) {
            return null;
        }
        String[] parts = position.split("\\|", 2);
        try {
            Instant.parse(parts[0]);
            if (parts.length != 2 || parts[1].isEmpty()) {
                throw new IllegalArgumentException();
            }
            return parts;
        } catch (RuntimeException e) {
            throw new InvalidFieldsProblem("cursor", "is not a cursor returned by this API");
        }
    }
}
