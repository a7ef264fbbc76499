package io.refinery.feedback.survey.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.refinery.feedback.survey.domain.SurveyService;
import io.refinery.platform.problem.Problem;

/**
 * A survey whose wording has blocking findings is a 422 that lists them per question. Every other problem is mapped
 * by platform-runtime's {@code io.refinery.platform.http} mappers.
 */
public class SurveyWordingProblems {

    @ServerExceptionMapper
    public Response blockingFindings(SurveyService.BlockingFindings e) {
        return Response.status(422).type(Problem.MEDIA_TYPE)
                .entity(SurveyResource.LintProblem.of(e.getMessage(), e.findings)).build();
    }
}
