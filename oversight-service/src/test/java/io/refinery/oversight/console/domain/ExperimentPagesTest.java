package io.refinery.oversight.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The experiment page from documents shaped exactly like experiment-service's answers: {@code ExperimentView} and
 * {@code ResultsView} (its fields plus the unwrapped {@code ExperimentResults}).
 */
class ExperimentPagesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    private static final String EXPERIMENT = """
            {"id":"0b8c1f9e-8a51-4c57-9f3e-1d1d7c2b8a10","key":"reco-ranker-v7","systemKey":"reco-engine",
             "kind":"MODEL_VARIANT","hypothesis":"The v7 ranker raises the click-through rate by 3 %","unitType":"USER",
             "variants":[{"name":"control","weight":0.5},{"name":"treatment","weight":0.5}],"trafficFraction":1.0,
             "primaryMetric":{"name":"ctr","type":"BINOMIAL","direction":"INCREASE"},"guardrails":[],"alpha":0.05,
             "power":0.8,"analysis":"FREQUENTIST","correction":"HOLM","maxDuration":"P28D","expectedDailyUnits":4000.0,
             "requiredUnitsPerVariant":31234,"requiredDays":16,"warnings":[],"state":"RUNNING",
             "startedAt":"2026-11-10T09:00:00Z","endsAt":"2026-12-08T09:00:00Z","stoppedAt":null,"stopTrigger":null,
             "stopReason":null,"concludedAt":null,"concludedBy":null,"decision":null,"decisionRationale":null,
             "overdueAt":null}
            """;

    private static final String RESULTS = """
            {"experimentKey":"reco-ranker-v7","systemKey":"reco-engine","state":"RUNNING",
             "startedAt":"2026-11-10T09:00:00Z","endsAt":"2026-12-08T09:00:00Z","computedAt":"2026-11-24T08:59:12Z",
             "analysis":"FREQUENTIST","correction":"HOLM","alpha":0.05,
             "variants":[
              {"variant":"control","control":true,"weight":0.5,"units":24012,"mean":0.0412,"variance":0.03950256,
               "stdDev":0.19875,"conversions":989},
              {"variant":"treatment","control":false,"weight":0.5,"units":23871,"mean":0.0447,"variance":0.04270191,
               "stdDev":0.20664,"conversions":1067}],
             "srm":{"observed":[24012,23871],"expectedWeights":[0.5,0.5],"pValue":0.5197,"mismatch":false,"status":"OK"},
             "primaryMetric":{"name":"ctr","type":"BINOMIAL","direction":"INCREASE","cuped":false,"comparisons":[
              {"variant":"treatment","absoluteDifference":0.0035,"relativeLift":0.0849,
               "confidenceInterval":{"lower":0.0123,"upper":0.1575},"pValue":0.0213,"adjustedPValue":0.0213,
               "significant":true,"chanceToBeatControl":null,"chanceToBeBetter":null,"expectedLoss":null,
               "sequential":null,"better":true,"worse":false,"cupedTheta":null,"status":"OK","message":null}]},
             "guardrails":[{"name":"latency_p95_ms","type":"CONTINUOUS","direction":"DECREASE","maxRegression":0.05,
              "status":"PASSED","comparisons":[{"variant":"treatment","relativeLift":0.004,
               "confidenceInterval":{"lower":-0.011,"upper":0.019},"pValue":0.61,"status":"PASSED",
               "method":"FREQUENTIST","sequential":null}]}],
             "progress":{"requiredUnitsPerVariant":31234,"smallestVariantUnits":23871,"fraction":0.7643,"reached":false},
             "recommendation":{"decision":"INCONCLUSIVE","reasons":["The required sample is not reached yet (76 %)."],
                               "advice":"KEEP_RUNNING","power":0.4321}}
            """;

    private static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }

    @Test
    void realResultsBecomeRowsWithLiftIntervalAndSrm() throws Exception {
        ExperimentPage page = ExperimentPages.of(null, "reco-ranker-v7", json(EXPERIMENT), json(RESULTS), null, NOW);

        assertThat(page.hasResults()).isTrue();
        assertThat(page.state()).isEqualTo("RUNNING");
        assertThat(page.hypothesis()).isEqualTo("The v7 ranker raises the click-through rate by 3 %");
        assertThat(page.startedAt().iso()).isEqualTo("2026-11-10T09:00:00Z");
        assertThat(page.metric()).isEqualTo("ctr");
        assertThat(page.variants()).extracting(ExperimentPage.VariantRow::variant).containsExactly("control", "treatment");
        ExperimentPage.VariantRow control = page.variants().get(0);
        assertThat(control.control()).isTrue();
        assertThat(control.units()).isEqualTo("24,012");
        assertThat(control.mean()).isEqualTo("0.0412");
        ExperimentPage.VariantRow treatment = page.variants().get(1);
        assertThat(treatment.lift()).isEqualTo("+8.5 %");
        assertThat(treatment.interval()).isEqualTo("[+1.2 %, +15.8 %]");
        assertThat(treatment.significance()).isEqualTo("p = 0.0213 (adjusted 0.0213)");
        assertThat(treatment.verdict()).isEqualTo("better");
        assertThat(page.srm()).isEqualTo("No sample ratio mismatch: p = 0.52 for units 24,012 / 23,871 against weights "
                + "0.5 / 0.5.");
        assertThat(page.srmMismatch()).isFalse();
        assertThat(page.forest().svg()).contains("treatment").contains("+8.5 % [+1.2 %, +15.8 %]")
                .contains("class=\"zero\"");
        assertThat(page.guardrails()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("latency_p95_ms");
            assertThat(g.status()).isEqualTo("PASSED");
            assertThat(g.detail()).contains("treatment +0.4 % [-1.1 %, +1.9 %]");
        });
        assertThat(page.samples()).extracting(ExperimentPage.ProgressBar::text)
                .containsExactly("24,012 of 31,234 units (77 %)", "23,871 of 31,234 units (76 %)");
        assertThat(page.time().text()).isEqualTo("day 14 of 28 (50 %)");
        assertThat(page.decision()).isEqualTo("INCONCLUSIVE");
        assertThat(page.reasons()).containsExactly("The required sample is not reached yet (76 %).");
        assertThat(page.advice()).isEqualTo("Keep running (power to detect the planned effect: 43 %)");
    }

    @Test
    void aMismatchAndABayesianAnalysisReadAsSuch() throws Exception {
        String bayesian = RESULTS.replace("\"analysis\":\"FREQUENTIST\"", "\"analysis\":\"BAYESIAN\"")
                .replace("\"chanceToBeatControl\":null", "\"chanceToBeatControl\":0.9871")
                .replace("\"pValue\":0.5197,\"mismatch\":false", "\"pValue\":0.00002,\"mismatch\":true");
        ExperimentPage page = ExperimentPages.of(null, "reco-ranker-v7", json(EXPERIMENT), json(bayesian), null, NOW);
        assertThat(page.variants().get(1).significance()).isEqualTo("chance to beat control 98.7 %");
        assertThat(page.srmMismatch()).isTrue();
        assertThat(page.srm()).startsWith("Sample ratio mismatch: p = < 0.0001").contains("do not trust the lifts");
    }

    @Test
    void withoutResultsThePageSaysWhyAndKeepsTheExperiment() throws Exception {
        ExperimentPage page = ExperimentPages.of(null, "reco-ranker-v7", json(EXPERIMENT), null, "Connection refused", NOW);
        assertThat(page.hasResults()).isFalse();
        assertThat(page.notice()).contains("experiment-service could not give the results").contains("Connection refused");
        assertThat(page.hypothesis()).isNotNull();
        assertThat(page.variants()).isEmpty();
    }
}
