package io.refinery.experiments.assignment.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.common.annotation.NonBlocking;

/**
 * {@code GET /ping}: {@link PingResource}'s answer without a token, outside {@code /api/v1} (open like
 * {@code /q/health}; it reveals nothing). The assignment benchmark's bare baseline: the same HTTP and JSON path with
 * no authentication at all, so the cost of verifying a bearer token shows in the ratio.
 */
@Path("/ping")
@Produces(MediaType.APPLICATION_JSON)
public class OpenPingResource {

    @GET
    @NonBlocking
    @PermitAll
    @Operation(hidden = true)
    public PingResource.Pong ping() {
        return PingResource.PONG;
    }
}
