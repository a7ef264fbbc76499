package io.refinery.oversight.console.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.refinery.oversight.console.domain.AuditPages;
import io.refinery.oversight.console.domain.ErrorPage;
import io.refinery.oversight.system.api.SystemRequest;
import io.refinery.platform.api.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The audit log, {@code /console/audit}: "can we trust the record, and who did what?" The hash chain's verification,
 * then the entries newest first, filtered by system, paged by sequence number; readable by every console role.
 */
@Path("/console/audit")
@Produces("text/html;charset=UTF-8")
public class AuditPageResource {

    private final AuditPages pages;
    private final ConsoleFrames frames;
    private final ConsolePageErrors errors;
    private final JsonWebToken caller;

    public AuditPageResource(AuditPages pages, ConsoleFrames frames, ConsolePageErrors errors, JsonWebToken caller) {
        this.pages = pages;
        this.frames = frames;
        this.errors = errors;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> show(@QueryParam("system") String system, @QueryParam("before") String before,
            @QueryParam("after") String after) {
        String key = system == null || system.isBlank() ? null : system.strip();
        if (key != null && !key.matches(SystemRequest.KEY_PATTERN) || !cursor(before) || !cursor(after)) {
            return Uni.createFrom().item(errors.page(new ErrorPage(400, "Not a valid address", "The system filter must be a "
                    + "system key and the page cursors (before, after) the numbers of audit entries, as the page's links "
                    + "give them.", "/console/audit", "Back to the audit log")));
        }
        return frames.of(caller, "audit")
                .flatMap(frame -> pages.load(frame, key, number(before), number(after)))
                .flatMap(page -> PolicyAuditTemplates.audit(page).createUni())
                .map(html -> Response.ok(html, ConsolePageErrors.HTML).build());
    }

    private static boolean cursor(String text) {
        return text == null || text.isBlank() || text.strip().matches("[0-9]{1,18}");
    }

    private static Long number(String text) {
        return text == null || text.isBlank() ? null : Long.valueOf(text.strip());
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
}
