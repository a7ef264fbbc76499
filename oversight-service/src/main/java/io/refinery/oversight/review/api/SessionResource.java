package io.refinery.oversight.review.api;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.oversight.review.domain.CollaborationSessions;
import io.refinery.oversight.review.domain.ReviewIds;
import io.refinery.platform.api.Roles;
import io.refinery.platform.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;

/** The session of a DEEP_COLLABORATION request, {@code /api/v1/reviews/{id}/session}. */
@Path("/api/v1/reviews/{id}/session")
@Tag(name = "Reviews")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {

    public record NoteRequest(@NotBlank @Size(max = 8000) String body,
            @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String link) {
    }

    public record SessionResponse(ReviewResponse review, List<String> participants, List<Note> thread) {
    }

    public record Note(String author, String body, String link, Instant postedAt) {
    }

    private final CollaborationSessions sessions;
    private final OutboxRelay relay;
    private final JsonWebToken caller;
    private final ObjectMapper mapper;

    public SessionResource(CollaborationSessions sessions, OutboxRelay relay, JsonWebToken caller, ObjectMapper mapper) {
        this.sessions = sessions;
        this.relay = relay;
        this.caller = caller;
        this.mapper = mapper;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Participants and the thread of notes and evidence links")
    public Uni<SessionResponse> get(@PathParam("id") String id) {
        return sessions.get(ReviewIds.ofPathId(id)).map(this::response);
    }

    @POST
    @Path("/participants")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Join the session as the token's sub")
    public Uni<SessionResponse> join(@PathParam("id") String id) {
        return sessions.join(ReviewIds.ofPathId(id), caller.getSubject()).map(this::response);
    }

    @POST
    @Path("/notes")
    @RolesAllowed({ Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Add a note, optionally with an evidence link (participants only)")
    public Uni<SessionResponse> post(@PathParam("id") String id, @NotNull @Valid NoteRequest request) {
        return sessions.post(ReviewIds.ofPathId(id), caller.getSubject(), request.body().strip(), request.link())
                .map(this::response);
    }

    @POST
    @Path("/decision")
    @RolesAllowed({ Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "The joint decision, recorded with every participant")
    public Uni<ReviewResponse> decide(@PathParam("id") String id, @NotNull @Valid DecisionRequest request) {
        return sessions.decide(ReviewIds.ofPathId(id), request.input(caller)).invoke(relay::nudge)
                .map(r -> ReviewResponse.of(r, null, mapper));
    }

    private SessionResponse response(CollaborationSessions.Session s) {
        return new SessionResponse(ReviewResponse.of(s.review(), null, mapper),
                s.participants().stream().map(p -> p.person).toList(),
                s.entries().stream().map(e -> new Note(e.author, e.body, e.link, e.postedAt)).toList());
    }
}
