package io.refinery.feedback.contradiction.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.refinery.feedback.stats.ContradictionTest;
import io.refinery.platform.events.InsightEvent;

class ContradictionSummaryTest {

    private static final Instant START = Instant.parse("2026-11-10T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-17T00:00:00Z");

    @Test
    void saysWhatTheMetricsSayWhatCustomersSayThemesAndExamples() {
        String s = ContradictionSummary.of("reco-home", ContradictionTest.Kind.METRIC_UP_SENTIMENT_DOWN,
                new InsightEvent.MetricSide("ctr", "HIGHER_IS_BETTER", List.of(0.03, 0.035, 0.032, 0.038), 2.1, 0.036, "UP"),
                new InsightEvent.CustomerSide(40, 30, 0.75, 50, 5, 0.1, 6.1, 1e-9), START, END,
                List.of(new InsightEvent.ThemeCount("irrelevant-recommendations", 21)),
                List.of(new InsightEvent.Example(UUID.randomUUID(), "SOCIAL", "vip", -0.8, "x".repeat(250))));
        assertThat(s).isEqualTo("Metrics and customers disagree on reco-home. The metrics say better: ctr rose over 4"
                + " periods from 2026-11-10 to 2026-11-16 (0.03000 to 0.03800; Mann-Kendall z = 2.10, p = 0.036)."
                + " Customers say worse: 75% of 40 feedback items were negative, against 10% of 50 in the same span"
                + " before (two-proportion z = 6.10, p < 0.001). Themes of the negative feedback:"
                + " irrelevant-recommendations (21). Examples: \"" + "x".repeat(200) + "…\" (SOCIAL, vip).");
    }

    @Test
    void theReverseSpeaksOfPositiveFeedbackAndAFallingLowerIsBetterMetric() {
        String s = ContradictionSummary.of("bot", ContradictionTest.Kind.METRIC_DOWN_SENTIMENT_UP,
                new InsightEvent.MetricSide("escalation_rate", "LOWER_IS_BETTER", List.of(0.1, 0.12, 0.13, 0.15), 2.0,
                        0.04, "UP"),
                new InsightEvent.CustomerSide(60, 6, 0.1, 60, 24, 0.4, -3.9, 1e-4), START, END, List.of(), List.of());
        assertThat(s).contains("The metrics say worse: escalation_rate rose", "Customers say better: 10% of 60")
                .doesNotContain("Themes", "Examples");
    }
}
