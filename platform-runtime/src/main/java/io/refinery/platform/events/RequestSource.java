package io.refinery.platform.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where a request for oversight came from when it arrived over Kafka: the sending service and the id of the event
 * that led to it (an alert fired, an experiment concluded), so a decision can be traced back to its cause.
 */
@RegisterForReflection
public record RequestSource(String service, String eventId) {
}
