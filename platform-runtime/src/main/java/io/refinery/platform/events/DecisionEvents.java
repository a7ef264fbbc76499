package io.refinery.platform.events;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.PoisonMessageException;

/**
 * Reads {@link DecisionMade} events as every consumer of {@value DecisionMade#TOPIC} needs them, with the errors of
 * {@link EventFields} (a {@link PoisonMessageException} naming the field). Fields added after the first version
 * ({@code tier} onwards) are optional, so an event written by an older producer still reads.
 */
public final class DecisionEvents {

    private DecisionEvents() {
    }

    /** The decision carried by a record's bytes: envelope id plus typed data. */
    public static ReceivedEvent<DecisionMade> read(ObjectMapper mapper, byte[] value) {
        JsonNode envelope = EventFields.envelope(mapper, value);
        JsonNode data = EventFields.object(envelope, "data");
        DecisionMade decision = new DecisionMade(
                EventFields.uuid(data, "data.requestId"),
                EventFields.optionalText(data, "data.systemKey"),
                EventFields.text(data, "data.actionType"),
                EventFields.enumValue(data, "data.outcome", DecisionOutcome.class),
                EventFields.text(data, "data.decidedBy"),
                EventFields.optionalText(data, "data.rationale"),
                EventFields.instant(data, "data.decidedAt"),
                EventFields.optionalText(data, "data.tier"),
                approvers(data),
                modifications(mapper, data.path("modifications")),
                source(data.path("source")),
                data.path("automatic").asBoolean(false),
                EventFields.optionalText(data, "data.clientId"));
        return ReceivedEvent.of(envelope, decision);
    }

    /**
     * The {@code action} named by a MODIFY's modifications ({@code {"action":"RETRAIN"}}), or null when they name
     * none or are free text.
     */
    public static String modifiedAction(ObjectMapper mapper, DecisionMade decision) {
        if (decision.modifications() == null) {
            return null;
        }
        try {
            JsonNode action = mapper.readTree(decision.modifications()).path("action");
            return action.isTextual() ? action.asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static List<String> approvers(JsonNode data) {
        JsonNode v = data.path("approvers");
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new PoisonMessageException("data.approvers must be an array of strings, got " + EventFields.describe(v));
        }
        List<String> approvers = new ArrayList<>(v.size());
        for (JsonNode approver : v) {
            if (!approver.isTextual()) {
                throw new PoisonMessageException("data.approvers must be an array of strings, got an element "
                        + EventFields.describe(approver));
            }
            approvers.add(approver.asText());
        }
        return List.copyOf(approvers);
    }

    /** Modifications as text: a JSON object is kept as its JSON text, a string as it is. */
    private static String modifications(ObjectMapper mapper, JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isObject()) {
            try {
                return mapper.writeValueAsString(v);
            } catch (IOException e) {
                throw new PoisonMessageException("data.modifications could not be read: " + e.getMessage(), e);
            }
        }
        throw new PoisonMessageException("data.modifications must be a string or an object, got " + EventFields.describe(v));
    }

    private static RequestSource source(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new PoisonMessageException("data.source must be an object, got " + EventFields.describe(v));
        }
        return new RequestSource(EventFields.optionalText(v, "data.source.service"),
                EventFields.optionalText(v, "data.source.eventId"));
    }
}
