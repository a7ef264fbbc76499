package io.refinery.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.PoisonMessageException;

/**
 * Reads {@link DriftDetected} events from {@value DriftDetected#TOPIC}. What consumers rely on (the detection's id,
 * system, kind, recommendation and time) is checked with the errors of {@link EventFields}; the rest must have its
 * documented shape.
 */
public final class DriftEvents {

    private DriftEvents() {
    }

    /** The detection a record carries, or null when the record is another event type of the topic. */
    public static ReceivedEvent<DriftDetected> read(ObjectMapper mapper, byte[] value) {
        return read(mapper, EventFields.envelope(mapper, value));
    }

    /** As {@link #read(ObjectMapper, byte[])}, for an envelope already parsed. */
    public static ReceivedEvent<DriftDetected> read(ObjectMapper mapper, JsonNode envelope) {
        if (!DriftDetected.TYPE.equals(envelope.path("type").asText())) {
            return null;
        }
        JsonNode data = EventFields.object(envelope, "data");
        EventFields.uuid(data, "data.detectionId");
        EventFields.text(data, "data.systemKey");
        String kind = EventFields.text(data, "data.kind");
        if (!kind.equals("DATA") && !kind.equals("CONCEPT")) {
            throw new PoisonMessageException("data.kind must be DATA or CONCEPT, got \"" + kind + "\"");
        }
        EventFields.text(EventFields.object(data, "data.recommendation"), "data.recommendation.action");
        EventFields.instant(data, "data.detectedAt");
        if (kind.equals("CONCEPT")) {
            EventFields.object(data, "data.concept");
        }
        return ReceivedEvent.of(envelope, EventData.bind(mapper, envelope, DriftDetected.class));
    }
}
