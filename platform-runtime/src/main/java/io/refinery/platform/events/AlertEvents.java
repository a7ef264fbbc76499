package io.refinery.platform.events;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.PoisonMessageException;

/**
 * Reads {@link AlertEvent}s from {@value AlertEvent#TOPIC}. What every consumer relies on (the alert's id, system,
 * metric, severity and time) is checked with the errors of {@link EventFields}; the rule and periods, which are
 * there for people to read, must merely have their documented shape.
 */
public final class AlertEvents {

    private AlertEvents() {
    }

    /** The alert event a record carries, or null when it is another event type of the topic. */
    public static ReceivedEvent<AlertEvent> read(ObjectMapper mapper, byte[] value) {
        return read(mapper, EventFields.envelope(mapper, value));
    }

    /** As {@link #read(ObjectMapper, byte[])}, for an envelope already parsed. */
    public static ReceivedEvent<AlertEvent> read(ObjectMapper mapper, JsonNode envelope) {
        String type = envelope.path("type").asText();
        if (!AlertFired.TYPE.equals(type) && !AlertResolved.TYPE.equals(type)) {
            return null;
        }
        JsonNode data = EventFields.object(envelope, "data");
        AlertEvent event = AlertFired.TYPE.equals(type) ? fired(mapper, data) : resolved(mapper, data);
        return ReceivedEvent.of(envelope, event);
    }

    private static AlertFired fired(ObjectMapper mapper, JsonNode data) {
        return new AlertFired(EventFields.uuid(data, "data.alertId"), EventFields.text(data, "data.systemKey"),
                EventFields.text(data, "data.metric"), EventFields.optionalText(data, "data.segment"),
                EventFields.text(data, "data.severity"), shaped(mapper, data, "rule", AlertRule.class),
                data.path("consecutiveBreaches").asInt(0), periods(mapper, data, "breachingPeriods"),
                periods(mapper, data, "skippedPeriods"), EventFields.optionalText(data, "data.note"),
                EventFields.instant(data, "data.firedAt"), EventFields.optionalUuid(data, "data.oversightRequestId"),
                Objects.requireNonNullElse(EventFields.optionalText(data, "data.valueSource"), "OBSERVED"));
    }

    private static AlertResolved resolved(ObjectMapper mapper, JsonNode data) {
        return new AlertResolved(EventFields.uuid(data, "data.alertId"), EventFields.text(data, "data.systemKey"),
                EventFields.text(data, "data.metric"), EventFields.optionalText(data, "data.segment"),
                EventFields.text(data, "data.severity"), EventFields.optionalUuid(data, "data.ruleId"),
                shaped(mapper, data, "resolvingPeriod", JudgedPeriod.class),
                EventFields.instant(data, "data.resolvedAt"));
    }

    private static <T> T shaped(ObjectMapper mapper, JsonNode data, String field, Class<T> type) {
        JsonNode v = data.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        try {
            return mapper.treeToValue(v, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new PoisonMessageException("data." + field + " does not have the shape of " + type.getSimpleName()
                    + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static List<JudgedPeriod> periods(ObjectMapper mapper, JsonNode data, String field) {
        JsonNode v = data.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new PoisonMessageException("data." + field + " must be an array, got " + EventFields.describe(v));
        }
        try {
            return List.copyOf(mapper.readerForListOf(JudgedPeriod.class).readValue(v));
        } catch (IOException | IllegalArgumentException e) {
            throw new PoisonMessageException("data." + field + " must be a list of periods: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
