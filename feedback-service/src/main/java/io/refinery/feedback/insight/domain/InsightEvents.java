package io.refinery.feedback.insight.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.platform.events.ReviewRequested;

/**
 * The contract of what this service publishes about its findings: insights on refinery.feedback.insights and
 * oversight requests on refinery.oversight.requests (the request shape oversight-service's consumer reads, as
 * metrics-service sends it for ALERT_REVIEW and DRIFT_REMEDIATION).
 */
public final class InsightEvents {

    public static final String INSIGHTS_TOPIC = "refinery.feedback.insights";
    public static final String REQUESTS_TOPIC = ReviewRequested.TOPIC;
    public static final String CONTRADICTION_DETECTED = "io.refinery.feedback.contradiction.detected.v1";
    public static final String THEME_SPIKED = "io.refinery.feedback.theme.spiked.v1";
    public static final String REVIEW_REQUESTED = ReviewRequested.typeOf("feedback");
    public static final String CONTRADICTION_REVIEW = "CONTRADICTION_REVIEW";
    public static final String SERVICE = "feedback-service";

    private InsightEvents() {
    }

    /** The metric side: closed-period values oldest first and the Mann-Kendall trend on them. */
    @RegisterForReflection
    public record MetricSide(String metric, String polarity, List<Double> values, double z, double p, String direction) {
    }

    /** The customers' side: negative items in the window and in the window before, and the two-proportion test. */
    @RegisterForReflection
    public record CustomerSide(long items, long negative, double shareNegative, long itemsBefore, long negativeBefore,
            double shareNegativeBefore, double z, double p) {
    }

    @RegisterForReflection
    public record ThemeCount(String theme, long count) {
    }

    /** A redacted feedback item quoted as evidence. */
    @RegisterForReflection
    public record Example(UUID id, String channel, String segment, double sentiment, String text) {
    }

    @RegisterForReflection
    public record ContradictionDetected(UUID contradictionId, String systemKey, String kind, String period,
            Instant windowStart, Instant periodStart, Instant periodEnd, MetricSide metric, CustomerSide customers,
            List<ThemeCount> themes, List<Example> examples, String summary, UUID oversightRequestId, Instant detectedAt) {
    }

    @RegisterForReflection
    public record ThemeSpiked(UUID spikeId, String systemKey, String theme, Instant periodStart, Instant periodEnd,
            long count, long items, double share, long countBefore, long itemsBefore, double shareBefore, double ratio,
            double z, double p, Instant detectedAt) {
    }
}
