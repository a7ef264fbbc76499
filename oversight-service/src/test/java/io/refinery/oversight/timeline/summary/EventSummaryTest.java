package io.refinery.oversight.timeline.summary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class EventSummaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void alertsReadWithTheirRuleAndSegment() throws Exception {
        assertThat(EventSummary.ofEvent("io.refinery.metrics.alert.fired.v1", json("""
                {"metric": "ctr", "severity": "WARNING", "segment": "new-customers", "consecutiveBreaches": 5,
                 "rule": {"comparison": "BELOW"}}"""))).isEqualTo(
                "WARNING alert fired: ctr below baseline for 5 consecutive period(s) in segment new-customers");
        assertThat(EventSummary.ofEvent("io.refinery.metrics.alert.resolved.v1", json("{\"metric\": \"ctr\", \"segment\": \"\"}")))
                .isEqualTo("Alert on ctr resolved");
    }

    @Test
    void experimentsFeedbackAndRolloutsRead() throws Exception {
        assertThat(EventSummary.ofEvent("io.refinery.experiments.experiment.concluded.v1",
                json("{\"experimentKey\": \"x1\", \"decision\": \"KEEP_CONTROL\"}"))).isEqualTo("Experiment x1 concluded: KEEP_CONTROL");
        assertThat(EventSummary.ofEvent("io.refinery.experiments.experiment.overdue.v1",
                json("{\"experimentKey\": \"x1\", \"reason\": \"stopped 3 days ago, no decision\"}")))
                .isEqualTo("Experiment x1 overdue: stopped 3 days ago, no decision");
        assertThat(EventSummary.ofEvent("io.refinery.feedback.theme.spiked.v1",
                json("{\"theme\": \"cannot reach a human\", \"share\": 0.18, \"shareBefore\": 0.05}")))
                .isEqualTo("Feedback theme 'cannot reach a human' spiked: 18% of items (was 5%)");
        assertThat(EventSummary.ofEvent("io.refinery.experiments.rollout.paused.v1",
                json("{\"rolloutKey\": \"r1\", \"phase\": \"eu\", \"reason\": \"FIRING alert on ctr\"}")))
                .isEqualTo("Rollout r1: paused (phase eu): FIRING alert on ctr");
    }

    @Test
    void unknownTypesReadAsTheirType() throws Exception {
        assertThat(EventSummary.ofEvent("io.refinery.metrics.something.new.v2", json("{}")))
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
