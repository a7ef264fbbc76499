package io.refinery.feedback.intake.api;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.feedback.intake.domain.FeedbackIds;
import io.refinery.feedback.intake.domain.FeedbackIngestor;
import io.refinery.feedback.intake.domain.FeedbackQueries;
import io.refinery.feedback.intake.domain.FeedbackReader;
import io.refinery.feedback.intake.domain.FeedbackView;
import io.refinery.feedback.intake.submission.Channel;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.Roles;
import io.refinery.platform.ids.ClientId;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.ingest.IngestResponse;

/** Feedback intake ({@code POST /api/v1/feedback}, {@code /feedback/debriefs}) and the redacted list. */
@Path("/api/v1/feedback")
@Tag(name = "Feedback", description = "Qualitative feedback (also accepted on topic refinery.feedback.submissions)")
@SecurityRequirement(name = "jwt")
public class FeedbackResource {

    public static final int MAX_BATCH = 1_000;

    private final FeedbackIngestor ingestor;
    private final FeedbackQueries queries;
    private final ObjectMapper mapper;

    public FeedbackResource(FeedbackIngestor ingestor, FeedbackQueries queries, ObjectMapper mapper) {
        this.ingestor = ingestor;
        this.queries = queries;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INGEST, Roles.ADMIN })
    @Operation(summary = "Ingest a batch of up to 1,000 feedback items",
            description = "Idempotent on each item's id (README, Ids: 1-128 characters of A-Z a-z 0-9 . _ : -; a UUID "
                    + "is the item's id, any other id maps to a name-based UUID). Text and source are PII-redacted "
                    + "before they are stored. Each refused item is named with its reasons; the others are stored.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = FeedbackItem.class, minItems = 1, maxItems = MAX_BATCH),
            examples = @ExampleObject(name = "review", value = "[{\"id\": \"shop:order-123.review_1\", "
                    + "\"systemKey\": \"support-bot\", \"channel\": \"SUPPORT_REVIEW\", \"customerSegment\": \"vip\", "
                    + "\"text\": \"The bot kept sending me to the FAQ, I just wanted a refund\", \"rating\": 2, "
                    + "\"locale\": \"en-GB\", \"occurredAt\": \"2026-11-24T10:00:00Z\", \"source\": {\"platform\": \"web\"}}]")))
    @APIResponse(responseCode = "202", description = "Stored what was valid; see rejected for the rest")
    @APIResponse(responseCode = "400", description = "The body is not a JSON array of 1 to 1,000 items")
    public Uni<Response> ingest(byte[] body) throws IOException {
        JsonNode root = body == null || body.length == 0 ? null : mapper.readTree(body);
        if (root == null || !root.isArray()) {
            throw new InvalidFieldsProblem("body", "must be a JSON array of items");
        }
        if (root.isEmpty() || root.size() > MAX_BATCH) {
            throw new InvalidFieldsProblem("body", "must hold 1 to " + MAX_BATCH + " items (got " + root.size() + ")");
        }
        Instant now = Instant.now();
        List<FeedbackReader.Parsed> items = new ArrayList<>(root.size());
        for (JsonNode item : root) {
            items.add(FeedbackReader.read(item, now));
        }
        return ingestor.ingest(items)
                .map(r -> Response.accepted(IngestResponse.of(r)).type(MediaType.APPLICATION_JSON).build());
    }

    @POST
    @Path("/debriefs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INGEST, Roles.ADMIN })
    @Operation(summary = "A support agent's structured debrief of an AI interaction",
            description = "Stored as a SUPPORT_REVIEW item, idempotent on id (README, Ids).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DebriefItem.class),
            examples = @ExampleObject(name = "debrief", value = "{\"id\": \"desk:ticket-8812.debrief\", "
                    + "\"systemKey\": \"support-bot\", \"agentId\": \"agent-7\", "
                    + "\"aiAction\": \"Offered a refund without checking the order\", \"customerReaction\": \"NEGATIVE\", "
                    + "\"category\": \"refund\", \"text\": \"Customer was angry, wanted a human\", "
                    + "\"occurredAt\": \"2026-11-24T09:00:00Z\", \"customerSegment\": \"returning\"}")))
    @APIResponse(responseCode = "202", description = "Stored (or already stored)")
    @APIResponse(responseCode = "400", description = "A field is invalid; errors name it")
    public Uni<Response> debrief(byte[] body) throws IOException {
        JsonNode root = body == null || body.length == 0 ? null : mapper.readTree(body);
        FeedbackReader.Parsed parsed = FeedbackReader.readDebrief(root, Instant.now());
        if (!parsed.ok()) {
            return Uni.createFrom().item(Problem.invalid(parsed.issues().stream()
                    .map(i -> new Problem.FieldError(i.field(), i.message())).toList()).toResponse());
        }
        return ingestor.ingest(List.of(parsed)).map(r -> r.rejected().isEmpty()
                ? Response.accepted(IngestResponse.of(r)).type(MediaType.APPLICATION_JSON).build()
                : Problem.invalid(r.rejected().get(0).errors().stream()
                        .map(i -> new Problem.FieldError(i.field(), i.message())).toList()).toResponse());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "One stored feedback item, redacted",
            description = "By its id, or by the client id it was sent under (mapped the same way as on intake).")
    @APIResponse(responseCode = "400", description = "id is not a client id (1-128 characters of A-Z a-z 0-9 . _ : -)")
    @APIResponse(responseCode = "404", description = "No such item")
    public Uni<FeedbackView> get(@PathParam("id") String id) {
        if (!ClientId.isValid(id)) {
            throw new InvalidFieldsProblem("id", ClientId.MESSAGE);
        }
        return queries.get(FeedbackIds.item(id)).map(v -> {
            if (v == null) {
                throw new NotFoundProblem("no feedback item '" + id + "'");
            }
            return v;
        });
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Stored feedback, newest first, redacted", description = "Filters: systemKey, theme, channel, "
            + "segment, from, to (ISO-8601). Paged with limit (1..500, default 50) and cursor.")
    public Uni<Page<FeedbackView>> list(@QueryParam("systemKey") String systemKey, @QueryParam("theme") String theme,
            @QueryParam("channel") String channel, @QueryParam("segment") String segment,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limitParam,
            @QueryParam("cursor") String cursor) {
        int limit = limitParam == null ? Page.DEFAULT_LIMIT : Page.checkLimit(limitParam);
        String ch = null;
        if (channel != null) {
            try {
                ch = Channel.valueOf(channel.toUpperCase(Locale.ROOT)).name();
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldsProblem("channel", "must be one of SUPPORT_REVIEW, SURVEY, SOCIAL, OTHER");
            }
        }
        String position = Page.decode(cursor);
        Instant afterTime = null;
        UUID afterId = null;
        if (position != null) {
            try {
                int bar = position.indexOf('|');
                afterTime = Instant.parse(position.substring(0, bar));
                afterId = UUID.fromString(position.substring(bar + 1));
            } catch (RuntimeException e) {
                throw new InvalidFieldsProblem("cursor", "is not a cursor returned by this API");
            }
        }
        FeedbackQueries.Filter filter = new FeedbackQueries.Filter(blankToNull(systemKey), blankToNull(theme), ch,
                blankToNull(segment), instant("from", from), instant("to", to));
        return queries.list(filter, afterTime, afterId, limit + 1)
                .map(rows -> Page.of(rows, limit, v -> v.occurredAt() + "|" + v.id(), v -> v));
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldsProblem(name, "must be an ISO-8601 UTC timestamp such as 2026-11-24T00:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
