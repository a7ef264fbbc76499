package io.refinery.oversight.console.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.refinery.oversight.console.domain.ErrorPage;
import io.refinery.oversight.console.domain.Portfolio;
import io.refinery.oversight.console.domain.SystemPages;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/**
 * The portfolio, {@code /console/portfolio} (every AI system by the attention it needs: "where should we look?"), and
 * the system page, {@code /console/systems/{key}} ("how is this AI system doing?"); readable by every console role.
 */
@Path("/console")
@Produces("text/html;charset=UTF-8")
public class SystemPagesResource {

    private final Portfolio portfolio;
    private final SystemPages systems;
    private final ConsoleFrames frames;
    private final ConsolePageErrors errors;
    private final JsonWebToken caller;

    public SystemPagesResource(Portfolio portfolio, SystemPages systems, ConsoleFrames frames, ConsolePageErrors errors,
            JsonWebToken caller) {
        this.portfolio = portfolio;
        this.systems = systems;
        this.frames = frames;
        this.errors = errors;
        this.caller = caller;
    }

    @GET
    @Path("/portfolio")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> portfolio() {
        return frames.of(caller, "portfolio").flatMap(portfolio::page)
                .flatMap(page -> ConsoleTemplates.portfolio(page).createUni())
                .map(html -> Response.ok(html, ConsolePageErrors.HTML).build());
    }

    @GET
    @Path("/systems/{key}")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> system(@PathParam("key") String key) {
        return frames.of(caller, "portfolio").flatMap(frame -> systems.load(key, frame))
                .flatMap(page -> ConsoleTemplates.system(page).createUni())
                .map(html -> Response.ok(html, ConsolePageErrors.HTML).build())
                .onFailure(NotFoundProblem.class).recoverWithItem(e -> errors.page(new ErrorPage(404, "No such AI system",
                        e.getMessage() + ". The portfolio lists every registered system; a new one is registered with "
                                + "POST /api/v1/systems.", "/console/portfolio", "Back to the portfolio")));
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
