package io.refinery.platform.http;

import java.util.List;

import jakarta.ws.rs.core.Response;

import io.refinery.platform.messaging.FailureKind;
import io.refinery.platform.messaging.Failures;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.Problem;

/**
 * A request whose values PostgreSQL itself refused (SQLSTATE class 22, a data exception such as a NUL character in
 * text or a number out of range: 400; class 23, an integrity constraint: 409), when no check before it caught them.
 * The transaction rolled back, so nothing was written; the answer is problem+json, never a 500.
 */
public final class RefusedByDatabase {

    private RefusedByDatabase() {
    }

    public static boolean isRefusal(Throwable failure) {
        return Failures.classify(failure) == FailureKind.POISON;
    }

    public static Response response(Throwable failure) {
        String state = Failures.sqlState(failure);
        boolean conflict = state != null && state.startsWith("23");
        String detail = conflict ? "the request conflicts with stored data (" + state + "); nothing was written"
                : "a value in the request cannot be stored" + ("22021".equals(state) ? " (text must not contain NUL characters)"
                        : " (" + state + ")") + "; nothing was written";
        return Problem.of(conflict ? 409 : 400, conflict ? "conflict" : "validation",
                conflict ? "Conflict" : "Invalid request", detail, List.of(new FieldIssue("body", detail))).toResponse();
    }
}
