package io.refinery.oversight.report.api;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.oversight.report.domain.LearningsReports;
import io.refinery.oversight.report.learnings.LearningsReport;
import io.refinery.oversight.report.learnings.MarkdownReport;
import io.refinery.oversight.report.learnings.ReportPeriods;
import io.refinery.platform.api.QueryParams;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.smallrye.mutiny.Uni;

/** The learnings report, {@code /api/v1/reports/learnings}: operations fed back into strategy, at least quarterly. */
@Path("/api/v1/reports/learnings")
@Tag(name = "Reports", description = "Learnings of a period for the strategy review")
@SecurityRequirement(name = "jwt")
public class ReportResource {

    static final String MARKDOWN = "text/markdown";
    static final Duration MAX_SPAN = Duration.ofDays(731);

    private final LearningsReports reports;

    public ReportResource(LearningsReports reports) {
        this.reports = reports;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "The learnings report of a period",
            description = "Per AI system and overall: alerts fired and resolved with time to resolution; drift detected "
                    + "and the remediations chosen; experiments concluded, win rate, median lift, share inconclusive, "
                    + "overdue, coverage gaps (A/A tests and holdouts counted apart); each holdout's latest reading, the "
                    + "cumulative impact of what shipped; feedback contradictions and spiking themes; oversight volume per tier, SLA "
                    + "breaches, override and modification rates, relaxations; rollouts and their phase events. Ends with "
                    + "derived capability gaps and roadmap signals. Built from the events this service consumed; no other "
                    + "service is called. Give quarter (2026-Q4) or from and to; default the current quarter. "
                    + "Accept: text/markdown gives the same as Markdown tables.")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "400", description = "A parameter is invalid (named)")
    public Uni<LearningsReport> json(@Parameter(description = "e.g. 2026-Q4") @QueryParam("quarter") String quarter,
            @Parameter(description = "ISO-8601 instant") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive") @QueryParam("to") String to) {
        LearningsReport.Period period = period(quarter, from, to);
        return reports.of(period.from(), period.to(), period.label());
    }

    @GET
    @Produces(MARKDOWN)
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(hidden = true)
    public Uni<String> markdown(@QueryParam("quarter") String quarter, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return json(quarter, from, to).map(MarkdownReport::render);
    }

    /**
     * The period asked for: {@code quarter}, or {@code from} and {@code to}, or else the current quarter; an
     * {@link InvalidFieldsProblem} naming the parameter when they are not valid. The console's learnings page reads it too.
     */
    public static LearningsReport.Period period(String quarter, String from, String to) {
        if (quarter != null && !quarter.isBlank()) {
            if (from != null || to != null) {
                throw new InvalidFieldsProblem("quarter", "give either quarter or from and to, not both");
            }
            try {
                return ReportPeriods.quarter(quarter);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldsProblem("quarter", e.getMessage());
            }
        }
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        if (start == null && end == null) {
            return ReportPeriods.quarter(ReportPeriods.quarterOf(Instant.now()));
        }
        if (start == null || end == null) {
            throw new InvalidFieldsProblem(start == null ? "from" : "to", "from and to go together");
        }
        if (!start.isBefore(end)) {
            throw new InvalidFieldsProblem("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw new InvalidFieldsProblem("from", "the period may span at most two years");
        }
        return new LearningsReport.Period(start, end, null);
    }
}
