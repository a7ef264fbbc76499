package io.refinery.oversight.console.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.refinery.oversight.console.domain.ErrorPage;
import io.refinery.oversight.console.domain.LearningsPages;
import io.refinery.oversight.report.api.ReportResource;
import io.refinery.oversight.report.learnings.LearningsReport;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.smallrye.mutiny.Uni;

/**
 * The learnings page, {@code /console/learnings} ("what do we tell strategy this quarter?"), and its Markdown
 * download, {@code /console/learnings.md}: the learnings report of a quarter ({@code ?quarter=2026-Q4}, by default the
 * current one) or of {@code from} and {@code to}, parsed as the API parses them; readable by every console role. A
 * period that is not valid is a 400 page saying why.
 */
@Path("/console")
public class LearningsPageResource {

    static final String MARKDOWN = "text/markdown;charset=UTF-8";

    private final LearningsPages learnings;
    private final ConsoleFrames frames;
    private final ConsolePageErrors errors;
    private final JsonWebToken caller;

    public LearningsPageResource(LearningsPages learnings, ConsoleFrames frames, ConsolePageErrors errors,
            JsonWebToken caller) {
        this.learnings = learnings;
        this.frames = frames;
        this.errors = errors;
        this.caller = caller;
    }

    @GET
    @Path("/learnings")
    @Produces("text/html;charset=UTF-8")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> page(@QueryParam("quarter") String quarter, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        LearningsReport.Period period = ReportResource.period(quarter, blankToNull(from), blankToNull(to));
        return frames.of(caller, "learnings").flatMap(frame -> learnings.load(period, frame))
                .flatMap(page -> LearningsTemplates.learnings(page).createUni())
                .map(html -> Response.ok(html, ConsolePageErrors.HTML).build());
    }

    @GET
    @Path("/learnings.md")
    @Produces({ MARKDOWN, "text/html;charset=UTF-8" })
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> markdown(@QueryParam("quarter") String quarter, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        LearningsReport.Period period = ReportResource.period(quarter, blankToNull(from), blankToNull(to));
        return learnings.markdown(period).map(md -> Response.ok(md, MARKDOWN)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + LearningsPages.fileName(period) + "\"")
                .build());
    }

    /** A quarter, from or to that is not valid: say which and why, and offer the current quarter. */
    @ServerExceptionMapper
    public Response invalid(InvalidFieldsProblem e) {
        String detail = e.issues().isEmpty() ? e.getMessage()
                : e.issues().get(0).field() + " " + e.issues().get(0).message();
        return errors.page(new ErrorPage(400, "Not a valid period", "The learnings report cannot be shown for this "
                + "address: " + detail + ". Give a quarter such as 2026-Q4, or from and to as instants such as "
                + "2026-10-01T00:00:00Z.", "/console/learnings", "The current quarter's learnings"));
    }

    @ServerExceptionMapper
    public Response signedOut(UnauthorizedException e, UriInfo uri, Request request) {
        return errors.signIn(uri, request.getMethod(), false);
    }

    @ServerExceptionMapper
    public Response badSession(AuthenticationFailedException e, UriInfo uri, Request request) {
        return errors.signIn(uri, request.getMethod(), true);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return errors.forbidden();
    }

    @ServerExceptionMapper
    public Response failed(Exception e) {
        return errors.of(e);
    }

    /** An empty field of a GET form is as if it were not given. */
    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
