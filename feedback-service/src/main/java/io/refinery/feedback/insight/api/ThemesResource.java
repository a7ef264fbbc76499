package io.refinery.feedback.insight.api;

import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.feedback.insight.domain.ThemeOverview;
import io.refinery.feedback.intake.domain.FeedbackStore;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/** {@code GET /api/v1/systems/{key}/themes}: top themes and spikes (oversight's evidence bundle reads it). */
@Path("/api/v1/systems/{key}/themes")
@Tag(name = "Feedback", description = "Qualitative feedback")
@SecurityRequirement(name = "jwt")
public class ThemesResource {

    private final ThemeOverview overview;
    private final FeedbackStore store;

    public ThemesResource(ThemeOverview overview, FeedbackStore store) {
        this.overview = overview;
        this.store = store;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Most frequent themes with their share and mean sentiment, and theme spikes",
            description = "from/to: ISO-8601 (default: the last 30 days); limit 1..500 (default 50) applies to both lists.")
    public Uni<ThemeOverview.Overview> themes(@PathParam("key") String key, @QueryParam("from") String fromParam,
            @QueryParam("to") String toParam, @QueryParam("limit") String limitParam) {
        int limit = limitParam == null ? Page.DEFAULT_LIMIT : Page.checkLimit(limitParam);
        ReportSpan span = ReportSpan.parse(fromParam, toParam);
        return store.kinds(Set.of(key)).flatMap(kinds -> kinds.isEmpty()
                ? Uni.createFrom().failure(new NotFoundProblem("AI system '" + key + "' is not known"))
                : overview.of(key, span.from(), span.to(), limit));
    }
}
