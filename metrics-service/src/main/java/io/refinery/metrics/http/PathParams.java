package io.refinery.metrics.http;

import java.util.UUID;

import io.refinery.platform.problem.InvalidFieldsProblem;

/** Parses the ids that the resources of several features take as path or query parameters, as a 400 when malformed. */
public final class PathParams {

    private PathParams() {
    }

    /** {@code value} as a UUID, or an invalid-fields problem naming {@code field}. */
    public static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldsProblem(field, "must be a UUID");
        }
    }
}
