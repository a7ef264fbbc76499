package io.refinery.platform.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An event of {@value #TOPIC} (key: the systemKey): feedback-service found a contradiction between a metric and what
 * customers say, or a feedback theme spiked. Used by the producer (feedback-service) and the consumers (oversight's
 * timeline, experiment-service's rollouts); {@link InsightEvents} reads them.
 */
public sealed interface InsightEvent extends AboutSystem {

    String TOPIC = "refinery.feedback.insights";

    /**
     * Data of {@value #TYPE}: a metric improved while customers' sentiment worsened (or the other way round).
     *
     * @param period the rollup period compared, as an ISO-8601 duration ({@code P1D})
     */
    @RegisterForReflection
    record ContradictionDetected(UUID contradictionId, String systemKey, String kind, String period,
            Instant windowStart, Instant periodStart, Instant periodEnd, MetricSide metric, CustomerSide customers,
            List<ThemeCount> themes, List<Example> examples, String summary, UUID oversightRequestId,
            Instant detectedAt) implements InsightEvent {

        public static final String TYPE = "io.refinery.feedback.contradiction.detected.v1";
    }

    /** Data of {@value #TYPE}: a theme's share of the period's items rose well above its share before. */
    @RegisterForReflection
    record ThemeSpiked(UUID spikeId, String systemKey, String theme, Instant periodStart, Instant periodEnd,
            long count, long items, double share, long countBefore, long itemsBefore, double shareBefore, double ratio,
            double z, double p, Instant detectedAt) implements InsightEvent {

        public static final String TYPE = "io.refinery.feedback.theme.spiked.v1";
    }

    /** The metric side: closed-period values oldest first and the Mann-Kendall trend on them. */
    @RegisterForReflection
    record MetricSide(String metric, String polarity, List<Double> values, double z, double p, String direction) {
    }

    /** The customers' side: negative items in the window and in the window before, and the two-proportion test. */
    @RegisterForReflection
    record CustomerSide(long items, long negative, double shareNegative, long itemsBefore, long negativeBefore,
            double shareNegativeBefore, double z, double p) {
    }

    /** How many of the window's items carry a theme. */
    @RegisterForReflection
    record ThemeCount(String theme, long count) {
    }

    /** A redacted feedback item quoted as evidence. */
    @RegisterForReflection
    record Example(UUID id, String channel, String segment, double sentiment, String text) {
    }
}
