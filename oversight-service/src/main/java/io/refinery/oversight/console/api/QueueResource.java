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
import io.refinery.oversight.console.domain.ConsoleQueue;
import io.refinery.oversight.console.domain.Notice;
import io.refinery.oversight.console.domain.QueueFilter;
import io.refinery.platform.api.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The queue page, {@code /console} and {@code /console/queue}: "what needs me now?" Requests by due time with their
 * SLA status, filtered by the GET form (tier, system, state, action type); readable by every console role.
 */
@Path("/console")
@Produces("text/html;charset=UTF-8")
public class QueueResource {

    private final ConsoleQueue queue;
    private final ConsoleFrames frames;
    private final ConsolePageErrors errors;
    private final JsonWebToken caller;

    public QueueResource(ConsoleQueue queue, ConsoleFrames frames, ConsolePageErrors errors, JsonWebToken caller) {
        this.queue = queue;
        this.frames = frames;
        this.errors = errors;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> home(@QueryParam("tier") String tier, @QueryParam("system") String system,
            @QueryParam("state") String state, @QueryParam("actionType") String actionType,
            @QueryParam("notice") String notice) {
        return queue(tier, system, state, actionType, notice);
    }

    @GET
    @Path("/queue")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> queue(@QueryParam("tier") String tier, @QueryParam("system") String system,
            @QueryParam("state") String state, @QueryParam("actionType") String actionType,
            @QueryParam("notice") String notice) {
        QueueFilter filter = QueueFilter.parse(tier, system, state, actionType);
        return frames.of(caller, "queue").flatMap(frame -> queue.page(frame, filter, Notice.ofCode(notice)))
                .flatMap(page -> ConsoleTemplates.queue(page).createUni())
                .map(html -> Response.ok(html, ConsolePageErrors.HTML).build());
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
