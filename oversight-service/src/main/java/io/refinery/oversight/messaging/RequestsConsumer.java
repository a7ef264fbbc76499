package io.refinery.oversight.messaging;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.domain.RelaxationTracker;
import io.refinery.oversight.domain.ReviewIds;
import io.refinery.platform.ids.ClientId;
import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.PoisonMessageException;
import io.refinery.oversight.domain.ReviewService;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.outbox.OutboxRelay;

/**
 * Reads oversight requests from refinery.oversight.requests (alerts, drift, insights, lifecycle: any service's
 * {@code *.review.requested.v1}, or any event whose data has the request shape) and creates exactly one review per
 * source event: a review is unique by its id and by its source event id, so redelivery is harmless. The
 * submitter is the sending service, which can therefore never decide its own request. Unreadable or invalid records
 * go to refinery.oversight.requests.dlq; a database outage is retried until it ends ({@link ConsumerPolicy}); this
 * service's own events on the topic are skipped.
 */
@ApplicationScoped
public class RequestsConsumer {

    static final String CHANNEL = "requests";
    private static final Pattern KEY = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$");
    private static final Pattern ACTION = Pattern.compile("^[A-Z][A-Z0-9_]{0,63}$");

    private final ObjectMapper mapper;
    private final ReviewService reviews;
    private final OutboxRelay relay;
    private final ConsumerPolicy policy;

    public RequestsConsumer(ObjectMapper mapper, ReviewService reviews, OutboxRelay relay, ConsumerPolicy policy) {
        this.mapper = mapper;
        this.reviews = reviews;
        this.relay = relay;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return policy.handle(CHANNEL, record, this::read, submission -> reviews.submit(submission).invoke(result -> {
            if (result.created()) {
                relay.nudge();
            }
        }));
    }

    /** The submission a record carries, or null for this service's own events on the topic. */
    ReviewService.Submission read(byte[] value) throws Exception {
        JsonNode envelope = EventFields.envelope(mapper, value);
        if (envelope.path("type").asText("").startsWith(EventTypes.OWN_TYPE_PREFIX)) {
            return null;
        }
        return read(envelope);
    }

    ReviewService.Submission read(JsonNode envelope) {
        JsonNode data = EventFields.object(envelope, "data");
        String clientId = EventFields.clientId(data, "data.id");
        String systemKey = EventFields.text(data, "data.systemKey");
        if (!KEY.matcher(systemKey).matches()) {
            throw new PoisonMessageException("data.systemKey must be a lowercase slug (a-z, 0-9, '-'), got \"" + systemKey + "\"");
        }
        String actionType = EventFields.text(data, "data.actionType");
        if (!ACTION.matcher(actionType).matches()) {
            throw new PoisonMessageException("data.actionType must be UPPER_SNAKE_CASE, got \"" + actionType + "\"");
        }
        if (RelaxationTracker.RELAXATION.equals(actionType)) {
            throw new PoisonMessageException("data.actionType " + actionType + " requests are opened by oversight-service itself");
        }
        String summary = EventFields.text(data, "data.summary");
        JsonNode payload = data.path("payload");
        if (!payload.isMissingNode() && !payload.isNull() && !payload.isObject()) {
            throw new PoisonMessageException("data.payload must be an object, got " + EventFields.describe(payload));
        }
        Double confidence = EventFields.optionalNumber(data, "data.confidence");
        if (confidence != null && (confidence < 0 || confidence > 1)) {
            throw new PoisonMessageException("data.confidence must be between 0 and 1, got " + confidence);
        }
        JsonNode source = data.path("source");
        String envelopeSource = envelope.path("source").asText("unknown").replaceFirst("^/", "");
        String service = source.path("service").isTextual() ? source.path("service").asText() : envelopeSource;
        String eventId = source.path("eventId").isTextual() ? source.path("eventId").asText() : EventFields.text(envelope, "id");
        String category = payload.path("category").isTextual() ? payload.path("category").asText() : null;
        return new ReviewService.Submission(ReviewIds.of(clientId), ClientId.originalUnlessUuid(clientId), systemKey,
                actionType, summary.strip(),
                payload.isObject() ? payload.toString() : "{}", EventFields.optionalNumber(data, "data.magnitude"),
                EventFields.optionalNumber(data, "data.amount"), confidence, category, service, eventId, service);
    }
}
