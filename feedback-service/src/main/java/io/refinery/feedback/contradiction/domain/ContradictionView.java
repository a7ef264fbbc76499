package io.refinery.feedback.contradiction.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A stored contradiction as the API shows it; {@code examples} quote redacted feedback only. */
@RegisterForReflection
public record ContradictionView(UUID id, String systemKey, String metric, String polarity, String kind, String period,
        Instant windowStart, Instant periodStart, Instant periodEnd, List<?> metricValues, double metricZ, double metricP,
        long items, long negative, long itemsBefore, long negativeBefore, double sentimentZ, double sentimentP,
        List<?> themes, List<?> examples, String summary, UUID eventId, UUID oversightRequestId, Instant detectedAt) {
}
