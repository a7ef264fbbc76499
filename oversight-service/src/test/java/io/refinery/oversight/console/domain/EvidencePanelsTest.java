package io.refinery.oversight.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.evidence.domain.EvidenceBundle;

class EvidencePanelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EvidenceBundle.Part ok(String name, String json) throws Exception {
        JsonNode data = JSON.readTree(json);
        return new EvidenceBundle.Part(name, "AVAILABLE", "http://metrics/" + name, data, null);
    }

    private static EvidenceBundle.Part down(String name, String reason) {
        return new EvidenceBundle.Part(name, "UNAVAILABLE", "http://x/" + name, null, reason);
    }

    private static final String ALERT = """
            {"id": "a1", "ruleId": "r1", "systemKey": "reco", "metric": "ctr", "segment": null, "severity": "CRITICAL",
             "state": "FIRING", "consecutiveBreaches": 2, "openedAt": "2026-11-22T00:00:00Z",
             "evidence": {"note": "2 days below baseline", "skippedPeriods": [], "breachingPeriods": [
               {"start": "2026-11-22T00:00:00Z", "value": 0.021, "samples": 900, "baseline": 0.031, "threshold": 0.027, "verdict": "BREACH"},
               {"start": "2026-11-23T00:00:00Z", "value": 0.022, "samples": 950, "baseline": 0.030, "threshold": 0.026, "verdict": "BREACH"}]}}""";
    private static final String SERIES = """
            {"systemKey": "reco", "metric": "ctr", "step": "DAY", "points": [
              {"start": "2026-11-20T00:00:00Z", "value": 0.031, "count": 10, "samples": 1000, "min": 0.03, "max": 0.032},
              {"start": "2026-11-21T00:00:00Z", "value": 0.030, "count": 10, "samples": 1000, "min": 0.03, "max": 0.031},
              {"start": "2026-11-22T00:00:00Z", "value": 0.021, "count": 10, "samples": 900, "min": 0.02, "max": 0.022},
              {"start": "2026-11-23T00:00:00Z", "value": 0.022, "count": 10, "samples": 950, "min": 0.02, "max": 0.023}]}""";

    @Test
    void theAlertIsDrawnAgainstItsBaselineWithItsBreachesFlagged() throws Exception {
        List<EvidencePanel> panels = EvidencePanels.of("reco", List.of(ok("alert", ALERT), ok("metricSeries", SERIES)));
        EvidencePanel alert = panels.get(0);
        assertThat(alert.notice()).isNull();
        assertThat(alert.chart().svg()).contains("<svg", "chart-band", "chart-point-flagged", ">baseline 0.03</text>");
        assertThat(alert.chart().caption()).isEqualTo("ctr of reco against its baseline");
        assertThat(alert.chart().rows()).hasSize(4);
        assertThat(alert.chart().rows().get(2)).containsExactly("2026-11-22 00:00 UTC", "0.021", "0.031", "0.027", "Breach");
        assertThat(alert.chart().rows().get(0)).endsWith("not judged");
        assertThat(alert.content().fields()).extracting(ReadableJson.Field::label).contains("Severity", "State", "Note")
                .doesNotContain("Id", "Rule id", "Evidence › Note");
    }

    @Test
    void anAlertOnEstimatedPerformanceIsDrawnFromTheEstimatorsDays() throws Exception {
        String alert = ALERT.replace("\"metric\": \"ctr\"", "\"metric\": \"accuracy\", \"valueSource\": \"ESTIMATED\"");
        String days = """
                {"systemKey": "reco", "days": [
                  {"day": "2026-11-21", "predictions": 400, "labelled": 400, "labelledShare": 1.0,
                   "metrics": {"accuracy": {"value": 0.79, "source": "REALIZED"}}},
                  {"day": "2026-11-22", "predictions": 400, "labelled": 0, "labelledShare": 0.0,
                   "metrics": {"accuracy": {"value": 0.021, "source": "ESTIMATED"}}},
                  {"day": "2026-11-23", "predictions": 400, "labelled": 0, "labelledShare": 0.0,
                   "metrics": {"accuracy": {"value": 0.022, "source": "ESTIMATED"}}}]}""";
        EvidencePanel panel = EvidencePanels.of("reco", List.of(ok("alert", alert), ok("metricSeries", days))).get(0);
        assertThat(panel.chart().caption()).isEqualTo("accuracy of reco against its baseline");
        assertThat(panel.chart().rows()).hasSize(3);
        assertThat(panel.chart().rows().get(0)).containsExactly("2026-11-21 00:00 UTC", "0.79", "—", "—", "not judged");
        assertThat(panel.chart().rows().get(2)).containsExactly("2026-11-23 00:00 UTC", "0.022", "0.03", "0.026", "Breach");
    }

    @Test
    void withoutTheSeriesTheJudgedPeriodsAreDrawnAndTheOutageIsNoted() throws Exception {
        EvidencePanel alert = EvidencePanels.of("reco", List.of(ok("alert", ALERT), down("metricSeries", "HTTP 503"))).get(0);
        assertThat(alert.chart().rows()).hasSize(2);
        assertThat(alert.notice()).startsWith("metrics-service could not be reached for the metric series (HTTP 503)");
    }

    @Test
    void driftFeedbackAndExperimentsReadAsFactsAndTables() throws Exception {
        List<EvidencePanel> panels = EvidencePanels.of("reco", List.of(
                ok("latestDrift", """
                        {"items": [{"id": "x", "monitorId": "m", "systemKey": "reco", "evaluatedAt": "2026-11-23T00:00:00Z",
                          "featuresEvaluated": 3, "featuresDrifted": 1, "driftedShare": 0.33, "datasetDrift": false,
                          "recommendation": {"action": "RETRAIN", "reasons": ["price drifted"]},
                          "features": [{"feature": "price", "type": "NUMERICAL", "method": "KS", "statistic": 0.4,
                            "pValue": 0.001, "threshold": 0.05, "drifted": true, "band": null, "referenceSize": 500}]}]}"""),
                ok("feedbackThemes", """
                        {"systemKey": "reco", "from": "2026-11-16T00:00:00Z", "to": "2026-11-23T00:00:01Z",
                         "total": {"channel": null, "segment": null, "count": 120, "meanSentiment": -0.2, "shareNegative": 0.4,
                          "topThemes": [{"theme": "delivery", "count": 30}, {"theme": "price", "count": 12}]}}"""),
                ok("runningExperiments", "{\"items\": []}"),
                down("experimentResults", "Connection refused")));
        assertThat(panels).extracting(EvidencePanel::key).containsExactly("drift", "feedback", "experiments", "results");
        EvidencePanel drift = panels.get(0);
        assertThat(drift.content().fields()).extracting(ReadableJson.Field::label)
                .contains("Features drifted", "Recommendation › Action", "Recommendation › Reasons").doesNotContain("Monitor id");
        assertThat(drift.content().tables().get(0).columns()).containsExactly("Feature", "Type", "Method", "Statistic",
                "P value", "Threshold", "Drifted", "Band", "Mean shift", "Note");
        EvidencePanel feedback = panels.get(1);
        assertThat(feedback.themes()).extracting(EvidencePanel.ThemeExamples::theme, EvidencePanel.ThemeExamples::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("delivery", 30L), org.assertj.core.groups.Tuple.tuple("price", 12L));
        assertThat(feedback.content().fields()).extracting(ReadableJson.Field::label).contains("Count", "Share negative");
        assertThat(feedback.notice()).isNull();
        assertThat(panels.get(2).emptyText()).isEqualTo("No experiment is running on this system.");
        assertThat(panels.get(3).notice()).contains("experiment-service could not be reached for this panel (Connection refused)");
    }

    @Test
    void eachThemeQuotesItsNewestRedactedCommentsShortened() throws Exception {
        String summary = """
                {"systemKey": "reco", "from": "2026-11-16T00:00:00Z", "to": "2026-11-23T00:00:01Z",
                 "total": {"count": 4, "meanSentiment": -0.4, "shareNegative": 0.75,
                  "topThemes": [{"theme": "delivery", "count": 3}, {"theme": "price", "count": 1}, {"theme": "sizing", "count": 1}]}}""";
        String items = """
                {"items": [
                  {"text": "Parcel late again, call me on [PHONE]", "themes": ["delivery"], "channel": "SUPPORT_REVIEW",
                   "customerSegment": "returning", "sentimentLabel": "NEGATIVE", "occurredAt": "2026-11-22T09:00:00Z"},
                  {"text": "%s", "themes": ["delivery", "price"], "channel": "SOCIAL", "customerSegment": null,
                   "sentimentLabel": "NEGATIVE", "occurredAt": "2026-11-21T09:00:00Z"},
                  {"text": "third delivery comment", "themes": ["delivery"], "channel": "SURVEY", "occurredAt": "2026-11-20T09:00:00Z"},
                  {"text": "", "themes": ["sizing"], "channel": "SURVEY"}]}""".formatted("x".repeat(400));
        EvidencePanel feedback = EvidencePanels.of("reco", List.of(ok("feedbackThemes", summary), ok("feedbackExamples", items)))
                .get(0);
        assertThat(feedback.themes()).hasSize(3);
        EvidencePanel.ThemeExamples delivery = feedback.themes().get(0);
        assertThat(delivery.examples()).hasSize(EvidencePanels.EXAMPLES_PER_THEME);
        assertThat(delivery.examples().get(0).text()).isEqualTo("Parcel late again, call me on [PHONE]");
        assertThat(delivery.examples().get(0).channel()).isEqualTo("Support review");
        assertThat(delivery.examples().get(0).segment()).isEqualTo("returning");
        assertThat(delivery.examples().get(0).at().text()).isEqualTo("2026-11-22 09:00 UTC");
        assertThat(delivery.examples().get(1).text()).hasSize(EvidencePanels.MAX_EXAMPLE).endsWith("…");
        assertThat(feedback.themes().get(1).examples()).hasSize(1);
        assertThat(feedback.themes().get(2).examples()).isEmpty();

        EvidencePanel withoutExamples = EvidencePanels.of("reco", List.of(ok("feedbackThemes", summary),
                down("feedbackExamples", "HTTP 503"))).get(0);
        assertThat(withoutExamples.themes()).extracting(EvidencePanel.ThemeExamples::count).containsExactly(3L, 1L, 1L);
        assertThat(withoutExamples.notice()).contains("example comments (HTTP 503)", "the counts above are complete");
    }

    @Test
    void noAlertNoAlertPanel() {
        assertThat(EvidencePanels.of("reco", List.of(down("latestDrift", "timeout")))).extracting(EvidencePanel::key)
                .containsExactly("drift");
    }

    @Test
    void eachListedExperimentLinksToItsPageWithAnEncodedKey() throws Exception {
        List<EvidencePanel> panels = EvidencePanels.of("reco", List.of(ok("runningExperiments",
                "{\"items\": [{\"key\": \"reco-ranker-v7\", \"state\": \"RUNNING\"}, {\"key\": \"a b/<c>\"}]}"),
                ok("experimentResults", "{\"experimentKey\": \"reco-ranker-v7\", \"variants\": []}")));
        assertThat(panels.get(0).links()).extracting(EvidencePanel.Link::href)
                .containsExactly("/console/experiments/reco-ranker-v7", "/console/experiments/a%20b%2F%3Cc%3E");
        assertThat(panels.get(1).links()).extracting(EvidencePanel.Link::text).containsExactly("reco-ranker-v7");
    }
}
