package io.refinery.platform.http;

import java.util.List;

import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.platform.messaging.FailureKind;
import io.refinery.platform.messaging.Failures;

/**
 * A request whose values PostgreSQL itself refused (SQLSTATE class 22, a data exception such as a NUL character in
 * text or a number out of range: 400; class 23, an integrity constraint: 409), when no check before it caught them.
 * The transaction rolled back, so nothing was written; the answer is problem+json, never a 500.
 */
public final class RefusedByDatabase {

    /** The problem+json body; the same fields as every service's Problem. */
    @RegisterForReflection
    public record Body(String type, String title, int status, String detail, List<FieldError> errors) {
    }

    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

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
        Body body = new Body("https://refinery.io/problems/" + (conflict ? "conflict" : "validation"),
                conflict ? "Conflict" : "Invalid request", conflict ? 409 : 400, detail,
                List.of(new FieldError("body", detail)));
        return Response.status(body.status()).type("application/problem+json").entity(body).build();
    }
}
