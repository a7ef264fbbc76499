package io.refinery.metrics.drift.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.refinery.metrics.drift.stats.DriftInputException;
import io.refinery.platform.problem.Problem;

/**
 * The drift statistics (a pure package) name the input at fault; that is a 400 on it. Every other problem is mapped
 * by platform-runtime's {@code io.refinery.platform.http} mappers.
 */
public class DriftInputProblems {

    @ServerExceptionMapper
    public Response driftInput(DriftInputException e) {
        return Problem.invalid(e.field(), e.getMessage()).toResponse();
    }
}
