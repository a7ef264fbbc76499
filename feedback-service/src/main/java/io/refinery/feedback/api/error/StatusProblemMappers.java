package io.refinery.feedback.api.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.refinery.platform.http.RefusedByDatabase;
import io.refinery.platform.http.ServiceUnavailable;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.refinery.feedback.domain.ConflictProblem;
import io.refinery.feedback.domain.NotFoundProblem;

/** Auth failures, domain outcomes and HTTP errors as problem+json. */
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
    public Response invalidFields(io.refinery.feedback.domain.InvalidFieldsProblem e) {
        return Problem.invalid(e.issues().stream().map(i -> new Problem.FieldError(i.field(), i.message())).toList())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response blockingFindings(io.refinery.feedback.domain.SurveyService.BlockingFindings e) {
        return Response.status(422).type(Problem.MEDIA_TYPE)
                .entity(io.refinery.feedback.api.SurveyResource.LintProblem.of(e.getMessage(), e.findings)).build();
    }

    @ServerExceptionMapper
    public Response conflict(ConflictProblem e) {
        return new Problem("https://refinery.io/problems/conflict", "Conflict", 409, e.getMessage(),
                java.util.List.of(new Problem.FieldError(e.field(), e.getMessage()))).toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return RequestProblemMappers.problemOf(json).toResponse();
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return new Problem("https://refinery.io/problems/http-" + status.getStatusCode(), status.getReasonPhrase(),
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
