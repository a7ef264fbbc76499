package io.refinery.oversight.review.messaging;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.review.domain.ReviewEventTypes;
import io.refinery.oversight.review.domain.ReviewIds;
import io.refinery.oversight.review.domain.ReviewSubmissions;
import io.refinery.oversight.review.domain.Submission;
import io.refinery.oversight.review.rules.FieldError;
import io.refinery.oversight.review.rules.RequestValidator;
import io.refinery.oversight.review.rules.ReviewRequest;
import io.refinery.platform.ids.ClientId;
import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.PoisonMessageException;
import io.refinery.platform.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;

/**
 * Reads oversight requests from refinery.oversight.requests (alerts, drift, insights, lifecycle: any service's
 * {@code *.review.requested.v1}, or any event whose data has the request shape) and creates exactly one review per
 * source event: a review is unique by its id and by its source event id, so redelivery is harmless. The
 * submitter is the sending service, which can therefore never decide its own request. Requests are checked by the
 * same {@link RequestValidator} as over HTTP; unreadable or invalid records go to refinery.oversight.requests.dlq
 * with its messages under {@code data.}; a database outage is retried until it ends ({@link ConsumerPolicy}); this
 * service's own events on the topic are skipped.
 */
@ApplicationScoped
public class RequestsConsumer {

    static final String CHANNEL = "requests";

    private final ObjectMapper mapper;
    private final ReviewSubmissions submissions;
    private final OutboxRelay relay;
    private final ConsumerPolicy policy;

    public RequestsConsumer(ObjectMapper mapper, ReviewSubmissions submissions, OutboxRelay relay, ConsumerPolicy policy) {
        this.mapper = mapper;
        this.submissions = submissions;
        this.relay = relay;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return policy.handle(CHANNEL, record, this::read, submission -> submissions.submit(submission).invoke(result -> {
            if (result.created()) {
                relay.nudge();
            }
        }));
    }

    /** The submission a record carries, or null for this service's own events on the topic. */
    Submission read(byte[] value) throws Exception {
        JsonNode envelope = EventFields.envelope(mapper, value);
        if (envelope.path("type").asText("").startsWith(ReviewEventTypes.OWN_TYPE_PREFIX)) {
            return null;
        }
        return read(envelope);
    }

    Submission read(JsonNode envelope) {
        JsonNode data = EventFields.object(envelope, "data");
        String clientId = EventFields.clientId(data, "data.id");
        String systemKey = EventFields.optionalText(data, "data.systemKey");
        String actionType = EventFields.optionalText(data, "data.actionType");
        String summary = EventFields.optionalText(data, "data.summary");
        JsonNode payload = data.path("payload");
        Double confidence = EventFields.optionalNumber(data, "data.confidence");
        JsonNode source = data.path("source");
        String envelopeSource = envelope.path("source").asText("unknown").replaceFirst("^/", "");
        String service = source.path("service").isTextual() ? source.path("service").asText() : envelopeSource;
        String eventId = source.path("eventId").isTextual() ? source.path("eventId").asText() : EventFields.text(envelope, "id");
        ReviewRequest.Payload shape = payload.isMissingNode() || payload.isNull() ? ReviewRequest.Payload.ABSENT
                : payload.isObject() ? ReviewRequest.Payload.OBJECT : ReviewRequest.Payload.OTHER;
        List<FieldError> errors = RequestValidator.errors(new ReviewRequest(systemKey, actionType, summary, shape, confidence,
                new ReviewRequest.Source(service, eventId)));
        if (!errors.isEmpty()) {
            throw new PoisonMessageException(errors.stream().map(e -> "data." + e.field() + " " + e.message())
                    .collect(Collectors.joining("; ")));
        }
        String category = payload.path("category").isTextual() ? payload.path("category").asText() : null;
        return new Submission(ReviewIds.of(clientId), ClientId.originalUnlessUuid(clientId), systemKey, actionType,
                summary.strip(), payload.isObject() ? payload.toString() : "{}", EventFields.optionalNumber(data, "data.magnitude"),
                EventFields.optionalNumber(data, "data.amount"), confidence, category, service, eventId, service);
    }
}
