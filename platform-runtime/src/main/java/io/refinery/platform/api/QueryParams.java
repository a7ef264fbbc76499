package io.refinery.platform.api;

import java.util.Arrays;

import io.refinery.platform.problem.InvalidFieldsProblem;

/**
 * Parses query and path parameters by hand so a bad value is a 400 naming the parameter, not JAX-RS's bare 404 or a
 * 500 from a parse exception.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldsProblem(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An optional ISO-8601 instant ({@code 2026-11-01T00:00:00Z}); anything else is a 400 naming the field. */
    public static java.time.Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.Instant.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidFieldsProblem(field, "must be an ISO-8601 UTC instant such as 2026-11-01T00:00:00Z");
        }
    }

    /** A UUID path or query parameter (an id, a cursor's id part); anything else, or nothing, is a 400 naming it. */
    public static java.util.UUID uuid(String field, String value) {
        try {
            return java.util.UUID.fromString(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldsProblem(field, "must be a UUID");
        }
    }

    /** An optional whole number; {@code otherwise} when absent, a 400 naming the field when it is not a number. */
    public static int integer(String field, String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidFieldsProblem(field, "must be a whole number");
        }
    }

    /** An optional finite decimal number; {@code otherwise} when absent, a 400 naming the field otherwise. */
    public static double decimal(String field, String value, double otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidFieldsProblem(field, "must be a finite number such as 0.05");
    }
}
