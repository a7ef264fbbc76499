package io.refinery.platform.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.refinery.platform.json.EventFields;

/**
 * An event as a consumer receives it: the CloudEvent's attributes and its typed {@code data}.
 *
 * @param id      what the consumer's processed-event ledger keys on
 * @param source  the producing service's name ({@code metrics-service}: the envelope's {@code /metrics-service}
 *                without its slash), or null when the envelope has none
 * @param subject the AI system the event is about (the envelope's {@code subject}), or null when it has none
 * @param time    when the producer says it happened, or null when the envelope does not say
 */
public record ReceivedEvent<T>(UUID id, String type, String source, String subject, Instant time, T data) {

    /** The envelope's attributes, checked with the errors of {@link EventFields}, around {@code data}. */
    public static <T> ReceivedEvent<T> of(JsonNode envelope, T data) {
        String source = EventFields.optionalText(envelope, "source");
        return new ReceivedEvent<>(EventFields.uuid(envelope, "id"), EventFields.optionalText(envelope, "type"),
                source == null ? null : source.replaceFirst("^/", ""), EventFields.optionalText(envelope, "subject"),
                envelope.hasNonNull("time") ? EventFields.instant(envelope, "time") : null, data);
    }

    /** When it happened, or {@code fallback} when the producer did not say. */
    public Instant timeOr(Instant fallback) {
        return time == null ? fallback : time;
    }
}
