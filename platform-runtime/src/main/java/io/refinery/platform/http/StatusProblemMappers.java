package io.refinery.platform.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.problem.Problem;
import io.refinery.platform.problem.RefusedProblem;
import io.refinery.platform.problem.UnprocessableProblem;

/**
 * Auth failures, the domain outcomes of {@code io.refinery.platform.problem}, HTTP errors and outages as
 * problem+json; anything else is a logged 500 that says nothing of the internals.
 */
public class StatusProblemMappers {

    private static final Logger LOG = Logger.getLogger(StatusProblemMappers.class);

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, "unauthorized",
                "a valid bearer token (RS256, issuer https://refinery.io/issuer) is required").toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(Response.Status.FORBIDDEN, "forbidden",
                "the token's groups do not include a role allowed to do this").toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundProblem e) {
        return Problem.of(Response.Status.NOT_FOUND, "not-found", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(ConflictProblem e) {
        return Problem.of(409, "conflict", "Conflict", e.getMessage(),
                java.util.List.of(new FieldIssue(e.field(), e.getMessage()))).toResponse();
    }

    @ServerExceptionMapper
    public Response refused(RefusedProblem e) {
        return Problem.of(403, "refused", "Forbidden", e.getMessage(),
                java.util.List.of(new FieldIssue(e.field(), e.getMessage()))).toResponse();
    }

    @ServerExceptionMapper
    public Response unprocessable(UnprocessableProblem e) {
        return Problem.of(422, "unprocessable", "Unprocessable Content", e.getMessage(), e.issues()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidFields(InvalidFieldsProblem e) {
        return Problem.invalid(e.issues().stream().map(i -> new Problem.FieldError(i.field(), i.message())).toList())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return RequestProblemMappers.problemOf(json).toResponse();
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return new Problem(Problem.TYPE_BASE + "http-" + status.getStatusCode(), status.getReasonPhrase(),
                status.getStatusCode(), e.getMessage(), null).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (ServiceUnavailable.isOutage(e)) {
            return ServiceUnavailable.response(e);
        }
        if (RefusedByDatabase.isRefusal(e)) {
            return RefusedByDatabase.response(e);
        }
        LOG.error("unexpected error while serving a request", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal",
                "an unexpected error occurred; it has been logged").toResponse();
    }
}
