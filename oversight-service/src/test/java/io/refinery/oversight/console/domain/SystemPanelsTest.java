package io.refinery.oversight.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.evidence.domain.EvidenceBundle;

class SystemPanelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EvidenceBundle.Part ok(String name, String json) throws Exception {
        return new EvidenceBundle.Part(name, "AVAILABLE", "http://x/" + name, JSON.readTree(json), null);
    }

    @Test
    void monitorsShowTheirScheduleAndHealth() throws Exception {
        EvidencePanel p = SystemPanels.of(List.of(ok("driftMonitors", """
                {"items": [
                  {"name": "intent mix", "features": [{"name": "intent", "type": "CATEGORICAL"}, {"name": "basket", "type": "NUMERICAL"}],
                   "method": "PSI", "lastEvaluatedAt": "2026-11-22T06:00:00Z", "nextEvaluationAt": "2026-11-23T06:00:00Z",
                   "failedAttempts": 0},
                  {"name": "prices", "features": [{"name": "price"}], "method": "KS", "lastEvaluatedAt": null,
                   "nextEvaluationAt": "2026-11-22T07:00:00Z", "failedAttempts": 2, "lastError": "no current values"}]}""")),
                30).get(0);
        assertThat(p.title()).isEqualTo("Drift monitors");
        ReadableJson.Table table = p.content().tables().get(0);
        assertThat(table.columns()).containsExactly("Name", "Features", "Method", "Last evaluated", "Next evaluation", "Health");
        assertThat(table.rows().get(0)).containsExactly("intent mix", "intent, basket", "PSI", "2026-11-22 06:00 UTC",
                "2026-11-23 06:00 UTC", "healthy");
        assertThat(table.rows().get(1).get(3)).isEqualTo("—");
        assertThat(table.rows().get(1).get(5)).isEqualTo("2 failed evaluations: no current values (retried with back-off)");
    }

    @Test
    void detectionsShowTheRecommendedAndTheChosenRemediation() throws Exception {
        EvidencePanel p = SystemPanels.of(List.of(ok("driftDetections", """
                {"items": [
                  {"kind": "CONCEPT", "detectedAt": "2026-11-21T00:00:00Z", "recommendedAction": "RETRAIN",
                   "reasons": ["error rate rose", "inputs stable"], "magnitude": 0.41234, "decision": null},
                  {"kind": "DATA", "detectedAt": "2026-11-20T00:00:00Z", "recommendedAction": "EXPAND_DATA_SOURCES",
                   "reasons": ["new intents"], "magnitude": null,
                   "decision": {"outcome": "MODIFY", "chosenAction": "ADJUST_PARAMETERS", "decidedBy": "alice"}}]}""")),
                30).get(0);
        List<List<String>> rows = p.content().tables().get(0).rows();
        assertThat(rows.get(0)).containsExactly("2026-11-21 00:00 UTC", "Concept", "0.412", "Retrain",
                "error rate rose; inputs stable", "awaiting review");
        assertThat(rows.get(1)).containsExactly("2026-11-20 00:00 UTC", "Data", "—", "Expand data sources", "new intents",
                "Modify: Adjust parameters by alice");
    }

    @Test
    void sentimentPerSegmentIsAForestPlotWithTheSameValuesAsATable() throws Exception {
        EvidencePanel p = SystemPanels.of(List.of(ok("sentimentBySegment", """
                {"systemKey": "reco", "groupBy": ["segment"], "groups": [
                  {"segment": "new", "count": 120, "meanSentiment": -0.31, "ciLow": -0.4, "ciHigh": -0.22, "shareNegative": 0.6,
                   "topThemes": [{"theme": "delivery", "count": 40}]},
                  {"segment": "<b>vip</b>", "count": 80, "meanSentiment": 0.12, "ciLow": -0.02, "ciHigh": 0.26, "shareNegative": 0.2,
                   "topThemes": []},
                  {"segment": null, "count": 1, "meanSentiment": 0.5, "ciLow": null, "ciHigh": null, "shareNegative": 0.0,
                   "topThemes": []}]}""")), 30).get(0);
        assertThat(p.title()).isEqualTo("Feedback sentiment by customer segment, last 30 days");
        assertThat(p.chart().svg()).contains("<svg", "role=\"img\"", "mean sentiment (−1 negative … +1 positive)",
                ">-0.31 [-0.4, -0.22]</text>", "&lt;b&gt;vip&lt;/b&gt;").doesNotContain("<b>vip");
        assertThat(p.chart().svg()).contains("new: -0.31 [-0.4, -0.22], the interval lies below zero");
        assertThat(p.chart().rows()).containsExactly(
                List.of("new", "120", "-0.31", "[-0.4, -0.22]", "60 %", "delivery (40)"),
                List.of("<b>vip</b>", "80", "0.12", "[-0.02, 0.26]", "20 %", "—"),
                List.of("(no segment)", "1", "0.5", "—", "0 %", "—"));
    }

    @Test
    void anUnansweredPartIsANoticeAndNoDataSaysWhatToDo() throws Exception {
        List<EvidencePanel> panels = SystemPanels.of(List.of(
                new EvidenceBundle.Part("driftMonitors", "UNAVAILABLE", "http://x", null, "HTTP 503"),
                ok("driftDetections", "{\"items\": []}"), ok("sentimentBySegment", "{\"groups\": []}")), 30);
        assertThat(panels.get(0).notice()).contains("metrics-service could not be reached for this panel (HTTP 503)");
        assertThat(panels.get(1).emptyText()).isEqualTo("No drift detected on this system so far.");
        assertThat(panels.get(2).emptyText()).contains("POST /api/v1/feedback");
    }
}
