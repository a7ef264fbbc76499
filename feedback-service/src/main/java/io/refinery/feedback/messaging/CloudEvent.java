package io.refinery.feedback.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode (DESIGN.md section 4). {@code subject} is the systemKey,
 * which is also the Kafka record key, so events about one AI system stay in order.
 */
@RegisterForReflection
public record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
        String datacontenttype, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String SOURCE = "/feedback-service";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public static CloudEvent of(String type, String subject, Instant time, JsonNode data) {
        return of(UUID.randomUUID(), type, subject, time, data);
    }

    /** With an id chosen by the caller, who must store it with the state change the event reports. */
    public static CloudEvent of(UUID id, String type, String subject, Instant time, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, id.toString(), SOURCE, type, subject, time, "application/json", data);
    }
}
