package io.refinery.feedback.intake.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A stored feedback item as served by the API: redacted text only. */
@RegisterForReflection
@Schema(name = "FeedbackView", description = "A stored feedback item, redacted")
public record FeedbackView(
        @Schema(description = "The item's id: the client id when it was a UUID, else its name-based UUID (README, Ids)",
                example = "b2653ec7-c131-5ef8-acda-273f032c5a8c") UUID id,
        @Schema(description = "The client id as sent when it was not a UUID; null when it was (then it is id)",
                example = "shop:order-123.review_1") String clientId,
        String systemKey, String channel, String customerSegment, String text,
        Double rating, String locale, Instant occurredAt, Map<String, Object> source, Map<String, Object> debrief,
        double sentiment, String sentimentLabel, List<String> themes) {
}
