package io.refinery.experiments.assignment.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.NonBlocking;
import io.refinery.platform.api.Roles;

/**
 * {@code GET /api/v1/ping}: an authenticated endpoint that does nothing else. It goes through the same HTTP, JWT and
 * JSON path as assignment, so a benchmark can set assignment's own cost apart from the framework's.
 */
@Path("/api/v1/ping")
@Tag(name = "Ping", description = "Authenticated no-op, the baseline of the assignment benchmark")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    /** The answer. */
    public record Pong(boolean pong) {
    }

    static final Pong PONG = new Pong(true);

    @GET
    @NonBlocking
    @RolesAllowed({ Roles.INGEST, Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Answers {\"pong\": true} to any role; nothing else happens")
    public Pong ping() {
        return PONG;
    }
}
