package io.refinery.oversight.review.messaging;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.review.domain.ReviewEventTypes;
import io.refinery.oversight.review.domain.ReviewIds;
import io.refinery.oversight.review.domain.ReviewSubmissions;
import io.refinery.oversight.review.domain.Submission;
import io.refinery.oversight.review.rules.FieldError;
import io.refinery.oversight.review.rules.RequestValidator;
import io.refinery.oversight.review.rules.ReviewRequest;
import io.refinery.platform.events.RequestSource;
import io.refinery.platform.events.ReviewRequestEvents;
import io.refinery.platform.events.ReviewRequested;
import io.refinery.platform.ids.ClientId;
import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.PoisonMessageException;
import io.refinery.platform.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;

/**
 * Reads oversight requests from refinery.oversight.requests (alerts, drift, insights, lifecycle: any service's
 * {@code *.review.requested.v1}, or any event whose data has the request shape), through the shared
 * {@link ReviewRequested} contract, and creates exactly one review per
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

    Submission read(JsonNode envelope) throws JsonProcessingException {
        ReviewRequested r = ReviewRequestEvents.read(mapper, envelope).data();
        RequestSource source = r.source();
        ReviewRequest.Payload shape = r.payload() == null ? ReviewRequest.Payload.ABSENT : ReviewRequest.Payload.OBJECT;
        List<FieldError> errors = RequestValidator.errors(new ReviewRequest(r.systemKey(), r.actionType(), r.summary(),
                shape, r.confidence(), new ReviewRequest.Source(source.service(), source.eventId())));
        if (!errors.isEmpty()) {
            throw new PoisonMessageException(errors.stream().map(e -> "data." + e.field() + " " + e.message())
                    .collect(Collectors.joining("; ")));
        }
        Map<String, Object> payload = r.payload() == null ? Map.of() : r.payload();
        String category = payload.get("category") instanceof String c ? c : null;
        return new Submission(ReviewIds.of(r.id()), ClientId.originalUnlessUuid(r.id()), r.systemKey(), r.actionType(),
                r.summary().strip(), mapper.writeValueAsString(payload), r.magnitude(), r.amount(), r.confidence(), category,
                source.service(), source.eventId(), source.service());
    }
}
