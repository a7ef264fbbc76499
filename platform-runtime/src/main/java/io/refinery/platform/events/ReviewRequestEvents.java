package io.refinery.platform.events;

import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.PoisonMessageException;

/**
 * Reads {@link ReviewRequested} events from {@value ReviewRequested#TOPIC} with the errors of {@link EventFields}: each
 * field must have its documented type (a summary that is a number is refused naming {@code data.summary}). Whether
 * the request is complete and within its limits is the receiver's rule (oversight-service checks it the same way
 * over Kafka as over HTTP), so absent fields read as null here.
 */
public final class ReviewRequestEvents {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private ReviewRequestEvents() {
    }

    /**
     * The request an envelope carries. When it does not name its {@code source}, the envelope's source service and
     * id stand in: the request then comes from the event that carries it.
     */
    public static ReceivedEvent<ReviewRequested> read(ObjectMapper mapper, JsonNode envelope) {
        JsonNode data = EventFields.object(envelope, "data");
        String id = EventFields.clientId(data, "data.id");
        ReceivedEvent<Void> received = ReceivedEvent.of(envelope, null);
        ReviewRequested request = new ReviewRequested(id, EventFields.optionalText(data, "data.systemKey"),
                EventFields.optionalText(data, "data.actionType"), EventFields.optionalText(data, "data.summary"),
                payload(mapper, data.path("payload")), EventFields.optionalNumber(data, "data.magnitude"),
                EventFields.optionalNumber(data, "data.amount"), EventFields.optionalNumber(data, "data.confidence"),
                source(data.path("source"), received));
        return new ReceivedEvent<>(received.id(), received.type(), received.source(), received.subject(),
                received.time(), request);
    }

    private static Map<String, Object> payload(ObjectMapper mapper, JsonNode payload) {
        if (payload.isMissingNode() || payload.isNull()) {
            return null;
        }
        if (!payload.isObject()) {
            throw new PoisonMessageException("data.payload must be an object, got " + EventFields.describe(payload));
        }
        return mapper.convertValue(payload, OBJECT);
    }

    private static RequestSource source(JsonNode source, ReceivedEvent<Void> envelope) {
        if (!source.isMissingNode() && !source.isNull() && !source.isObject()) {
            throw new PoisonMessageException("data.source must be an object, got " + EventFields.describe(source));
        }
        String service = EventFields.optionalText(source, "data.source.service");
        String eventId = EventFields.optionalText(source, "data.source.eventId");
        return new RequestSource(service != null ? service : envelope.source() != null ? envelope.source() : "unknown",
                eventId != null ? eventId : envelope.id().toString());
    }
}
