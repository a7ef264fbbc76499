package io.refinery.feedback.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A stored feedback item as served by the API: redacted text only. */
@RegisterForReflection
public record FeedbackView(UUID id, String systemKey, String channel, String customerSegment, String text,
        Double rating, String locale, Instant occurredAt, Map<String, Object> source, Map<String, Object> debrief,
        double sentiment, String sentimentLabel, List<String> themes) {
}
