package io.refinery.metrics.observation.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.metrics.observation.domain.IngestionControl;
import io.refinery.metrics.observation.messaging.ObservationsPauseFollower;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;

/**
 * The switch that pauses ingestion from topic refinery.metrics.observations on every replica (database
 * maintenance, a misbehaving producer); records wait in Kafka meanwhile. {@code /api/v1/ingestion/kafka}.
 */
@Path("/api/v1/ingestion/kafka")
@Tag(name = "Observations")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class IngestionResource {

    private static final int MAX_REASON = 500;

    private final IngestionControl control;
    private final ObservationsPauseFollower follower;
    private final JsonWebToken caller;

    public IngestionResource(IngestionControl control, ObservationsPauseFollower follower, JsonWebToken caller) {
        this.control = control;
        this.follower = follower;
        this.caller = caller;
    }

    /** The switch as stored, and whether the replica that answers has already followed it. */
    public record SwitchView(String channel, boolean paused, String reason, String changedBy, java.time.Instant changedAt,
            boolean pausedOnThisReplica) {
    }

    /** A change of the switch; the reason is kept with who made it. */
    public record SwitchRequest(Boolean paused, String reason) {
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.ADMIN })
    @Operation(summary = "Whether ingestion from Kafka is paused")
    public SwitchView get() {
        return view(control.read(IngestionControl.OBSERVATIONS));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Pause or resume ingestion from Kafka on every replica",
            description = "Replicas follow within about a second; a batch already in flight still commits.")
    @APIResponse(responseCode = "200", description = "The switch as stored")
    @APIResponse(responseCode = "400", description = "paused missing, or reason longer than 500 characters")
    public SwitchView set(SwitchRequest request) {
        if (request == null || request.paused() == null) {
            throw new InvalidFieldsProblem("paused", "is required (true or false)");
        }
        if (request.reason() != null && request.reason().length() > MAX_REASON) {
            throw new InvalidFieldsProblem("reason", "must have at most " + MAX_REASON + " characters");
        }
        return view(control.set(IngestionControl.OBSERVATIONS, request.paused(), request.reason(), caller.getName()));
    }

    private SwitchView view(IngestionControl.State s) {
        return new SwitchView(s.channel(), s.paused(), s.reason(), s.changedBy(), s.changedAt(), follower.pausedHere());
    }
}
