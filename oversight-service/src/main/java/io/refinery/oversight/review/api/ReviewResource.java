package io.refinery.oversight.review.api;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.oversight.evidence.domain.EvidenceBundle;
import io.refinery.oversight.policy.tiers.Tier;
import io.refinery.oversight.review.domain.ReviewDecisions;
import io.refinery.oversight.review.domain.ReviewIds;
import io.refinery.oversight.review.domain.ReviewQueue;
import io.refinery.oversight.review.domain.ReviewSubmissions;
import io.refinery.oversight.review.domain.SlaEscalation;
import io.refinery.oversight.review.rules.ReviewState;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.QueryParams;
import io.refinery.platform.api.Roles;
import io.refinery.platform.outbox.OutboxRelay;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.smallrye.mutiny.Uni;

/** The review queue, {@code /api/v1/reviews}: submit, list by due time, claim, release, decide. */
@Path("/api/v1/reviews")
@Tag(name = "Reviews", description = "Human-in-the-Loop requests and decisions")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private final ReviewSubmissions submissions;
    private final ReviewQueue queue;
    private final ReviewDecisions decisions;
    private final SlaEscalation sla;
    private final EvidenceBundle evidence;
    private final OutboxRelay relay;
    private final JsonWebToken caller;
    private final ObjectMapper mapper;

    public ReviewResource(ReviewSubmissions submissions, ReviewQueue queue, ReviewDecisions decisions, SlaEscalation sla,
            EvidenceBundle evidence, OutboxRelay relay, JsonWebToken caller, ObjectMapper mapper) {
        this.submissions = submissions;
        this.queue = queue;
        this.decisions = decisions;
        this.sla = sla;
        this.evidence = evidence;
        this.relay = relay;
        this.caller = caller;
        this.mapper = mapper;
    }

    @POST
    @RolesAllowed({ Roles.INGEST, Roles.ADMIN })
    @Operation(summary = "Submit a request for oversight; idempotent on id",
            description = "id is a client id (README, Ids: 1-128 characters of A-Z a-z 0-9 . _ : -); a UUID is the "
                    + "review's id, any other id maps to a name-based UUID and is shown as clientId.")
    @APIResponse(responseCode = "201", description = "Created: AUTO_APPROVED (recorded) or PENDING with a due time")
    @APIResponse(responseCode = "200", description = "A repeat of an id (or source event) already stored")
    public Uni<Response> submit(@NotNull @Valid ReviewSubmission request) {
        return submissions.submit(request.submission(caller.getSubject())).invoke(relay::nudge).map(result -> {
            ReviewResponse body = ReviewResponse.of(result.review(), null, mapper);
            return result.created()
                    ? Response.created(URI.create("/api/v1/reviews/" + result.review().id)).entity(body).build()
                    : Response.ok(body).build();
        });
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "The queue, ordered by due time")
    public Uni<Page<ReviewResponse>> list(@QueryParam("state") String state, @QueryParam("tier") String tier,
            @QueryParam("systemKey") String systemKey, @QueryParam("assignee") String assignee,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.checkLimit(limit);
        Instant afterDue = null;
        UUID afterId = null;
        String position = Page.decode(cursor);
        if (position != null) {
            try {
                int bar = position.indexOf('|');
                afterDue = Instant.parse(position.substring(0, bar));
                afterId = UUID.fromString(position.substring(bar + 1));
            } catch (RuntimeException e) {
                throw new InvalidFieldsProblem("cursor", "is not a cursor returned by this API");
            }
        }
        return queue.page(QueryParams.enumValue(ReviewState.class, "state", state),
                QueryParams.enumValue(Tier.class, "tier", tier), blankToNull(systemKey), blankToNull(assignee), afterDue, afterId,
                size + 1)
                .map(rows -> Page.of(rows, size, r -> r.dueAt + "|" + r.id, r -> ReviewResponse.of(r, null, mapper)));
    }

    @POST
    @Path("/escalations")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Run the SLA pass now (it also runs on a schedule): escalate overdue requests, refresh gauges")
    public Uni<java.util.Map<String, Integer>> escalateNow() {
        return sla.runNow().map(n -> java.util.Map.of("escalated", n));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "One review with its approvals",
            description = "{id} is the review's id or the client id it was submitted under (mapped as on submission).")
    @APIResponse(responseCode = "400", description = "id is not a client id (1-128 characters of A-Z a-z 0-9 . _ : -)")
    @APIResponse(responseCode = "404", description = "No such review")
    public Uni<ReviewResponse> get(@PathParam("id") String id) {
        UUID uuid = ReviewIds.ofPathId(id);
        return queue.get(uuid).flatMap(r -> queue.approvals(uuid).map(a -> ReviewResponse.of(r, a, mapper)));
    }

    @GET
    @Path("/{id}/evidence")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Facts from the other services (alert, series, drift, themes, experiments); unavailable parts say so")
    public Uni<EvidenceBundle.Bundle> evidence(@PathParam("id") String id) {
        return queue.get(ReviewIds.ofPathId(id)).flatMap(evidence::gather);
    }

    @POST
    @Path("/{id}/claim")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Take a pending request (409 when someone else holds it)")
    public Uni<ReviewResponse> claim(@PathParam("id") String id) {
        return queue.claim(ReviewIds.ofPathId(id), caller.getSubject()).map(r -> ReviewResponse.of(r, null, mapper));
    }

    @POST
    @Path("/{id}/release")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Give a claimed request back to the queue (its holder or an admin)")
    public Uni<ReviewResponse> release(@PathParam("id") String id) {
        return queue.release(ReviewIds.ofPathId(id), caller.getSubject(), caller.getGroups().contains(Roles.ADMIN))
                .map(r -> ReviewResponse.of(r, null, mapper));
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed({ Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Approve, reject or modify; four-eyes requests need two distinct approvers")
    @APIResponse(responseCode = "403", description = "The caller submitted the request, or a second approval lacks the approver role")
    @APIResponse(responseCode = "409", description = "Already decided, or the same person approving twice")
    public Uni<ReviewResponse> decide(@PathParam("id") String id, @NotNull @Valid DecisionRequest request) {
        UUID uuid = ReviewIds.ofPathId(id);
        return decisions.decide(uuid, request.input(caller)).invoke(relay::nudge)
                .flatMap(r -> queue.approvals(uuid).map(a -> ReviewResponse.of(r, a, mapper)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
