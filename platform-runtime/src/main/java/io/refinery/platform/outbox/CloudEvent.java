package io.refinery.platform.outbox;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode (DESIGN.md section 4). {@code source} is {@code /<service>};
 * {@code subject} is the systemKey, which is also the Kafka record key, so events about one AI system stay in order.
 */
@RegisterForReflection
public record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
        String datacontenttype, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public static CloudEvent of(UUID id, String source, String type, String subject, Instant time, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, id.toString(), source, type, subject, time, "application/json", data);
    }
}
