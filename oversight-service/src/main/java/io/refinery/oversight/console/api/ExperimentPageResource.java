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
import io.refinery.oversight.console.domain.ExperimentPages;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/**
 * The experiment page, {@code /console/experiments/{key}} ("did it work?"), read from experiment-service; readable by
 * every console role. An experiment that service does not know is a 404 page; an outage a notice on a 200 page.
 */
@Path("/console/experiments")
@Produces("text/html;charset=UTF-8")
public class ExperimentPageResource {

    private final ExperimentPages experiments;
    private final ConsoleFrames frames;
    private final ConsolePageErrors errors;
    private final JsonWebToken caller;

    public ExperimentPageResource(ExperimentPages experiments, ConsoleFrames frames, ConsolePageErrors errors,
            JsonWebToken caller) {
        this.experiments = experiments;
        this.frames = frames;
        this.errors = errors;
        this.caller = caller;
    }

    @GET
    @Path("/{key}")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> experiment(@PathParam("key") String key) {
        return frames.of(caller, "portfolio").flatMap(frame -> experiments.load(key, frame))
                .flatMap(page -> ConsoleTemplates.experiment(page).createUni())
                .map(html -> Response.ok(html, ConsolePageErrors.HTML).build())
                .onFailure(NotFoundProblem.class).recoverWithItem(e -> errors.page(new ErrorPage(404, "No such experiment",
                        e.getMessage() + ". The system pages list each system's running experiments.", "/console/portfolio",
                        "Back to the portfolio")));
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
