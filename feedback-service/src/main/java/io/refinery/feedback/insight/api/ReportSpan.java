package io.refinery.feedback.insight.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.refinery.platform.problem.InvalidFieldsProblem;

/**
 * The [from, to) span of a report from its {@code from}/{@code to} query parameters: ISO-8601, {@code to} defaults to
 * now and {@code from} to 30 days before {@code to}; a bad value or an empty span is a 400 naming the parameter.
 */
record ReportSpan(Instant from, Instant to) {

    private static final Duration DEFAULT_LENGTH = Duration.ofDays(30);

    static ReportSpan parse(String fromParam, String toParam) {
        Instant parsedTo = instant("to", toParam);
        Instant to = parsedTo == null ? Instant.now() : parsedTo;
        Instant parsedFrom = instant("from", fromParam);
        Instant from = parsedFrom == null ? to.minus(DEFAULT_LENGTH) : parsedFrom;
        if (!from.isBefore(to)) {
            throw new InvalidFieldsProblem("from", "must be before to");
        }
        return new ReportSpan(from, to);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldsProblem(name, "must be an ISO-8601 UTC timestamp such as 2026-11-24T00:00:00Z");
        }
    }
}
