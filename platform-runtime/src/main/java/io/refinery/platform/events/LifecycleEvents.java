package io.refinery.platform.events;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.platform.json.EventFields;

/**
 * Reads {@link LifecycleEvent}s from {@value LifecycleEvent#TOPIC}: the system each is about is checked with the
 * errors of {@link EventFields}, the rest must have its documented shape.
 */
public final class LifecycleEvents {

    private static final Map<String, Class<? extends LifecycleEvent>> TYPES = Map.of(
            LifecycleEvent.ExperimentStarted.TYPE, LifecycleEvent.ExperimentStarted.class,
            LifecycleEvent.ExperimentStopped.TYPE, LifecycleEvent.ExperimentStopped.class,
            LifecycleEvent.ExperimentConcluded.TYPE, LifecycleEvent.ExperimentConcluded.class,
            LifecycleEvent.ExperimentOverdue.TYPE, LifecycleEvent.ExperimentOverdue.class,
            LifecycleEvent.CoverageGap.OPENED, LifecycleEvent.CoverageGap.class,
            LifecycleEvent.CoverageGap.CLOSED, LifecycleEvent.CoverageGap.class,
            LifecycleEvent.HoldoutMeasured.TYPE, LifecycleEvent.HoldoutMeasured.class);

    private LifecycleEvents() {
    }

    /** The lifecycle event a record carries, or null when it is a type this version does not know. */
    public static ReceivedEvent<LifecycleEvent> read(ObjectMapper mapper, byte[] value) {
        return read(mapper, EventFields.envelope(mapper, value));
    }

    /** As {@link #read(ObjectMapper, byte[])}, for an envelope already parsed. */
    public static ReceivedEvent<LifecycleEvent> read(ObjectMapper mapper, JsonNode envelope) {
        Class<? extends LifecycleEvent> type = typeOf(envelope.path("type").asText());
        if (type == null) {
            return null;
        }
        EventFields.text(EventFields.object(envelope, "data"), "data.systemKey");
        if (type == LifecycleEvent.RolloutStepped.class) {
            EventFields.text(envelope.path("data"), "data.rolloutKey");
            EventFields.text(envelope.path("data"), "data.step");
        }
        return ReceivedEvent.of(envelope, EventData.bind(mapper, envelope, type));
    }

    private static Class<? extends LifecycleEvent> typeOf(String type) {
        if (type.startsWith(LifecycleEvent.RolloutStepped.TYPE_PREFIX) && type.endsWith(".v1")) {
            return LifecycleEvent.RolloutStepped.class;
        }
        return TYPES.get(type);
    }
}
