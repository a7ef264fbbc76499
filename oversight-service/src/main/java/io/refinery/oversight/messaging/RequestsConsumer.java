package io.refinery.oversight.messaging;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.domain.RelaxationTracker;
import io.refinery.oversight.domain.ReviewService;
import io.smallrye.mutiny.Uni;

/**
 * Reads oversight requests from refinery.oversight.requests (alerts, drift, insights, lifecycle: any service's
 * {@code *.review.requested.v1}, or any event whose data has the request shape) and creates exactly one review per
 * source event: a review is unique by its id and by its source event id, so redelivery is harmless. The
 * submitter is the sending service, which can therefore never decide its own request. Unreadable records go to
 * refinery.oversight.requests.dlq; this service's own events on the topic are skipped.
 */
@ApplicationScoped
public class RequestsConsumer {

    static final String CHANNEL = "requests";
    private static final Logger LOG = Logger.getLogger(RequestsConsumer.class);
    private static final Pattern KEY = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$");
    private static final Pattern ACTION = Pattern.compile("^[A-Z][A-Z0-9_]{0,63}$");

    private final ObjectMapper mapper;
    private final ReviewService reviews;
    private final OutboxRelay relay;

    public RequestsConsumer(ObjectMapper mapper, ReviewService reviews, OutboxRelay relay) {
        this.mapper = mapper;
        this.reviews = reviews;
        this.relay = relay;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        final ReviewService.Submission submission;
        try {
            JsonNode envelope = mapper.readTree(payload);
            if (envelope.path("type").asText("").startsWith(EventTypes.OWN_TYPE_PREFIX)) {
                return Uni.createFrom().voidItem();
            }
            submission = read(envelope);
        } catch (Exception e) {
            return Uni.createFrom().failure(new PoisonMessageException("unreadable oversight request: " + e.getMessage(), e));
        }
        return reviews.submit(submission)
                .onFailure().invoke(e -> LOG.warnf("storing oversight request %s failed, retrying: %s", submission.id(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .invoke(result -> {
                    if (result.created()) {
                        relay.nudge();
                    }
                })
                .replaceWithVoid();
    }

    ReviewService.Submission read(JsonNode envelope) {
        JsonNode data = envelope.path("data");
        if (!data.isObject()) {
            throw new IllegalArgumentException("data must be an object");
        }
        UUID id = UUID.fromString(required(data, "id"));
        String systemKey = required(data, "systemKey");
        if (!KEY.matcher(systemKey).matches()) {
            throw new IllegalArgumentException("systemKey must be a lowercase slug");
        }
        String actionType = required(data, "actionType");
        if (!ACTION.matcher(actionType).matches()) {
            throw new IllegalArgumentException("actionType must be UPPER_SNAKE_CASE");
        }
        if (RelaxationTracker.RELAXATION.equals(actionType)) {
            throw new IllegalArgumentException(actionType + " requests are opened by oversight-service itself");
        }
        String summary = required(data, "summary");
        JsonNode payload = data.path("payload");
        if (!payload.isMissingNode() && !payload.isNull() && !payload.isObject()) {
            throw new IllegalArgumentException("payload must be an object");
        }
        Double confidence = number(data, "confidence");
        if (confidence != null && (confidence < 0 || confidence > 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1");
        }
        JsonNode source = data.path("source");
        String envelopeSource = envelope.path("source").asText("unknown").replaceFirst("^/", "");
        String service = source.path("service").isTextual() ? source.path("service").asText() : envelopeSource;
        String eventId = source.path("eventId").isTextual() ? source.path("eventId").asText() : required(envelope, "id");
        String category = payload.path("category").isTextual() ? payload.path("category").asText() : null;
        return new ReviewService.Submission(id, systemKey, actionType, summary.strip(),
                payload.isObject() ? payload.toString() : "{}", number(data, "magnitude"), number(data, "amount"), confidence,
                category, service, eventId, service);
    }

    private static String required(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v.asText();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return v.asDouble();
    }
}
