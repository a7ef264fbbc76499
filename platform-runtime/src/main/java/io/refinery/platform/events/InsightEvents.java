package io.refinery.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.platform.json.EventFields;

/**
 * Reads {@link InsightEvent}s from {@value InsightEvent#TOPIC}: the insight's id, system and time are checked with the
 * errors of {@link EventFields}, the rest must have its documented shape.
 */
public final class InsightEvents {

    private InsightEvents() {
    }

    /** The insight a record carries, or null when it is a type this version does not know. */
    public static ReceivedEvent<InsightEvent> read(ObjectMapper mapper, byte[] value) {
        return read(mapper, EventFields.envelope(mapper, value));
    }

    /** As {@link #read(ObjectMapper, byte[])}, for an envelope already parsed. */
    public static ReceivedEvent<InsightEvent> read(ObjectMapper mapper, JsonNode envelope) {
        String type = envelope.path("type").asText();
        boolean contradiction = InsightEvent.ContradictionDetected.TYPE.equals(type);
        if (!contradiction && !InsightEvent.ThemeSpiked.TYPE.equals(type)) {
            return null;
        }
        JsonNode data = EventFields.object(envelope, "data");
        EventFields.uuid(data, contradiction ? "data.contradictionId" : "data.spikeId");
        EventFields.text(data, "data.systemKey");
        EventFields.instant(data, "data.detectedAt");
        if (!contradiction) {
            EventFields.text(data, "data.theme");
        }
        Class<? extends InsightEvent> record = contradiction ? InsightEvent.ContradictionDetected.class
                : InsightEvent.ThemeSpiked.class;
        return ReceivedEvent.of(envelope, EventData.bind(mapper, envelope, record));
    }
}
