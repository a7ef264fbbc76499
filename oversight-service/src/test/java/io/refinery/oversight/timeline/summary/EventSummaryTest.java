package io.refinery.oversight.timeline.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.platform.events.AlertFired;
import io.refinery.platform.events.AlertResolved;
import io.refinery.platform.events.AlertRule;
import io.refinery.platform.events.DriftDetected;
import io.refinery.platform.events.InsightEvent;
import io.refinery.platform.events.LifecycleEvent;

class EventSummaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ID = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    private static final Instant AT = Instant.parse("2026-12-05T06:00:00Z");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void alertsReadWithTheirRuleAndSegment() {
        AlertFired fired = new AlertFired(ID, "reco", "ctr", "new-customers", "WARNING",
                new AlertRule(ID, "BELOW", "P28D", "5%", "P1D", 5, 100), 5, List.of(), List.of(), null, AT, null, "OBSERVED");
        assertThat(EventSummary.ofEvent(AlertFired.TYPE, fired)).isEqualTo(
                "WARNING alert fired: ctr below baseline for 5 consecutive period(s) in segment new-customers");
        AlertFired estimated = new AlertFired(ID, "loans", "accuracy", null, "CRITICAL",
                new AlertRule(ID, "BELOW", "FIXED 0.8", "absolute 0.0", "P1D", 2, 50), 2, List.of(), List.of(), null, AT,
                null, "ESTIMATED");
        assertThat(EventSummary.ofEvent(AlertFired.TYPE, estimated)).isEqualTo(
                "CRITICAL alert fired: estimated accuracy below baseline for 2 consecutive period(s)");
        assertThat(EventSummary.ofEvent(AlertResolved.TYPE, new AlertResolved(ID, "reco", "ctr", "", "WARNING", null,
                null, AT))).isEqualTo("Alert on ctr resolved");
    }

    @Test
    void driftReadsWithWhatMovedAndTheRecommendation() {
        DriftDetected data = new DriftDetected(ID, "DATA", "chatbot", ID, "intents", ID, null,
                List.of(new DriftDetected.FeatureView("intent", true, "CHI_SQUARE", 41.0, 1e-9, 0.05, true, null),
                        new DriftDetected.FeatureView("basket", true, "KS", 0.04, 0.6, 0.05, false, null)),
                0.5, 0.5, null, new DriftDetected.RecommendationView("RETRAIN", List.of()), AT, null);
        assertThat(EventSummary.ofEvent(DriftDetected.TYPE, data))
                .isEqualTo("Data drift: 1 of 2 feature(s) drifted: intents; recommended RETRAIN");
        DriftDetected concept = new DriftDetected(ID, "CONCEPT", "pricing", null, null, null, null, List.of(), null, null,
                new DriftDetected.Concept("ADWIN", 900, 0.12, 0.31), new DriftDetected.RecommendationView("ROLLBACK",
                        List.of()), AT, null);
        assertThat(EventSummary.ofEvent(DriftDetected.TYPE, concept))
                .isEqualTo("Concept drift (ADWIN): prediction error 0.120 → 0.310; recommended ROLLBACK");
    }

    @Test
    void experimentsFeedbackAndRolloutsRead() {
        assertThat(EventSummary.ofEvent(LifecycleEvent.ExperimentConcluded.TYPE, new LifecycleEvent.ExperimentConcluded(
                ID, "x1", "reco", "KEEP_CONTROL", null, "MANUAL", "bob", AT, null, null, null)))
                .isEqualTo("Experiment x1 concluded: KEEP_CONTROL");
        assertThat(EventSummary.ofEvent(LifecycleEvent.ExperimentOverdue.TYPE, new LifecycleEvent.ExperimentOverdue(ID,
                "x1", "reco", "STOPPED", AT, AT, AT, "stopped 3 days ago, no decision")))
                .isEqualTo("Experiment x1 overdue: stopped 3 days ago, no decision");
        assertThat(EventSummary.ofEvent(LifecycleEvent.CoverageGap.CLOSED, new LifecycleEvent.CoverageGap("reco", AT, AT,
                "x2"))).isEqualTo("Coverage gap closed by experiment x2");
        assertThat(EventSummary.ofEvent(InsightEvent.ThemeSpiked.TYPE, new InsightEvent.ThemeSpiked(ID, "chatbot",
                "cannot reach a human", AT, AT, 36, 200, 0.18, 10, 200, 0.05, 3.6, 4.1, 4e-5, AT)))
                .isEqualTo("Feedback theme 'cannot reach a human' spiked: 18% of items (was 5%)");
        assertThat(EventSummary.ofEvent(LifecycleEvent.RolloutStepped.typeOf("paused"), new LifecycleEvent.RolloutStepped(
                "r1", "reco", "x1", "b", "paused", "PAUSED", 1, "eu", "FIRING alert on ctr", AT, Map.of())))
                .isEqualTo("Rollout r1: paused (phase eu): FIRING alert on ctr");
    }

    @Test
    void holdoutReadingsReadAsTheCumulativeImpactOfWhatShipped() {
        LifecycleEvent.HoldoutMeasured running = new LifecycleEvent.HoldoutMeasured(ID, "reco-q4", "reco-engine",
                "conversion", 0.05, 5_000, 95_000, 0.021, 0.008, 0.034, 0.003, "IMPACT_POSITIVE",
                List.of("hero-copy:short", "ranker:b", "rollout:ranker-eu"), AT, AT, false);
        assertThat(EventSummary.ofEvent(LifecycleEvent.HoldoutMeasured.TYPE, running)).isEqualTo("Holdout reco-q4 on "
                + "reco-engine: shipped changes lift conversion by +2.10 % [0.8 %, 3.4 %] against 5 % held out (p = 0.003), "
                + "3 changes shipped");
        LifecycleEvent.HoldoutMeasured ended = new LifecycleEvent.HoldoutMeasured(ID, "reco-q4", "reco-engine",
                "conversion", 0.025, 5_000, 95_000, -0.0125, -0.02, -0.005, 0.0004, "IMPACT_NEGATIVE",
                List.of("ranker:b"), AT, AT, true);
        assertThat(EventSummary.ofEvent(LifecycleEvent.HoldoutMeasured.TYPE, ended)).isEqualTo("Holdout reco-q4 on "
                + "reco-engine ended: shipped changes lift conversion by -1.25 % [-2 %, -0.5 %] against 2.5 % held out "
                + "(p < 0.001), 1 change shipped");
        LifecycleEvent.HoldoutMeasured empty = new LifecycleEvent.HoldoutMeasured(ID, "reco-q4", "reco-engine",
                "conversion", 0.05, 0, 1_200, null, null, null, null, "KEEP_RUNNING", List.of(), AT, AT, false);
        assertThat(EventSummary.ofEvent(LifecycleEvent.HoldoutMeasured.TYPE, empty)).isEqualTo(
                "Holdout reco-q4 on reco-engine: no lift measured yet on conversion against 5 % held out, 0 changes shipped");
        assertThat(EventCategory.ofType(LifecycleEvent.HoldoutMeasured.TYPE)).isEqualTo(EventCategory.EXPERIMENT);
    }

    @Test
    void unknownTypesReadAsTheirType() {
        assertThat(EventSummary.ofEvent("io.refinery.metrics.something.new.v2", null))
                .isEqualTo("io.refinery.metrics.something.new.v2");
        assertThat(EventCategory.ofType("io.refinery.metrics.something.new.v2")).isEqualTo(EventCategory.OTHER);
        assertThat(EventCategory.ofType("io.refinery.experiments.rollout.paused.v1")).isEqualTo(EventCategory.ROLLOUT);
        assertThat(EventCategory.ofType("io.refinery.experiments.coverage.gap-opened.v1")).isEqualTo(EventCategory.EXPERIMENT);
    }

    @Test
    void auditEntriesNameTheActionTypeFromTheReviewWhenTheirDetailsDoNot() throws Exception {
        assertThat(EventSummary.ofAudit("REVIEW_DECIDED", json("{\"outcome\": \"REJECT\"}"), "PRICE_CHANGE"))
                .isEqualTo("Review decided (PRICE_CHANGE): REJECT");
        assertThat(EventSummary.ofAudit("POLICY_CHANGED", json("{\"version\": 3}"), null))
                .isEqualTo("Oversight policy changed: version 3");
        assertThat(EventSummary.ofAudit("SOMETHING_ELSE", json("{}"), null)).isEqualTo("SOMETHING_ELSE");
    }
}
