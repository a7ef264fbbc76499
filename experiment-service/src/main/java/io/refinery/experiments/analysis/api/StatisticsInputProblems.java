package io.refinery.experiments.analysis.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.refinery.experiments.stats.InvalidStatisticsInputException;
import io.refinery.platform.problem.Problem;

/**
 * The statistics engine (a pure package) names the input at fault, e.g. {@code control.conversions}; that is a 400
 * on it. Every other problem is mapped by platform-runtime's {@code io.refinery.platform.http} mappers.
 */
public class StatisticsInputProblems {

    @ServerExceptionMapper
    public Response invalidStatistics(InvalidStatisticsInputException e) {
        return Problem.invalid(e.field(), e.getMessage()).toResponse();
    }
}
