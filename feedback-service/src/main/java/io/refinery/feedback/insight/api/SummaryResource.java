package io.refinery.feedback.insight.api;

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

import io.refinery.feedback.insight.domain.FeedbackSummaries;
import io.refinery.feedback.intake.domain.FeedbackStore;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/** {@code GET /api/v1/systems/{key}/feedback/summary}. */
@Path("/api/v1/systems/{key}/feedback/summary")
@Tag(name = "Feedback", description = "Qualitative feedback")
@SecurityRequirement(name = "jwt")
public class SummaryResource {

    private final FeedbackSummaries summaries;
    private final FeedbackStore store;

    public SummaryResource(FeedbackSummaries summaries, FeedbackStore store) {
        this.summaries = summaries;
        this.store = store;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Counts, mean sentiment with 95% CI, share negative, top themes, NPS and CSAT",
            description = "from/to: ISO-8601 (default: the last 30 days); groupBy: channel, segment or both (comma-separated).")
    public Uni<FeedbackSummaries.Summary> summary(@PathParam("key") String key, @QueryParam("from") String fromParam,
            @QueryParam("to") String toParam, @QueryParam("groupBy") String groupBy) {
        ReportSpan span = ReportSpan.parse(fromParam, toParam);
        boolean byChannel = false;
        boolean bySegment = false;
        if (groupBy != null && !groupBy.isBlank()) {
            for (String g : groupBy.split(",")) {
                switch (g.strip()) {
                    case "channel" -> byChannel = true;
                    case "segment" -> bySegment = true;
                    default -> throw new InvalidFieldsProblem("groupBy", "must list channel and/or segment");
                }
            }
        }
        boolean c = byChannel;
        boolean s = bySegment;
        return store.kinds(java.util.Set.of(key)).flatMap(kinds -> {
            if (kinds.isEmpty()) {
                return Uni.createFrom().failure(new NotFoundProblem("AI system '" + key + "' is not known"));
            }
            return summaries.summarize(key, span.from(), span.to(), c, s);
        });
    }
}
