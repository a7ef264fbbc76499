package io.refinery.experiments.experiment.api;

import static io.refinery.experiments.experiment.api.ExperimentFixtures.action;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.createAndStart;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.registerSystem;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.results;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.exposure;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.outcome;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.experiments.stats.ComparisonRequest;
import io.refinery.experiments.stats.ComparisonResult;
import io.refinery.experiments.stats.CupedRequest;
import io.refinery.experiments.stats.CupedResult;
import io.refinery.experiments.stats.ExperimentComparison;
import io.refinery.experiments.stats.InferenceMethod;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.MultiTreatmentRequest;
import io.refinery.experiments.stats.MultiTreatmentResult;
import io.refinery.experiments.stats.MultipleTestingCorrection;
import io.refinery.experiments.stats.ProportionStatistic;
import io.refinery.experiments.stats.RegressionAdjustedStatistic;
import io.refinery.experiments.stats.SampleMeanStatistic;
import io.refinery.experiments.stats.SampleRatioMismatchCheck;
import io.refinery.experiments.stats.SrmRequest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.path.json.JsonPath;

/** Exposures and outcomes in, results out: the results equal the engine's answers on the same counts. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ResultsFlowTest {

    @BeforeAll
    static void config() {
        ExperimentFixtures.readNumbersAsDoubles();
    }


    @Test
    void threeArmsOfConversionsWithARevenueGuardrailGiveTheEnginesHolmAdjustedAnswers() {
        registerSystem("results-bin");
        createAndStart("""
                {"key": "results-bin-exp", "systemKey": "results-bin", "kind": "CONTENT", "hypothesis": "New banners sell more",
                 "unitType": "SESSION", "correction": "HOLM",
                 "variants": [{"key": "control", "weight": 0.34, "control": true}, {"key": "a", "weight": 0.33, "control": false},
                              {"key": "b", "weight": 0.33, "control": false}],
                 "primaryMetric": {"name": "conversion", "type": "BINOMIAL", "direction": "INCREASE",
                                   "minimumDetectableEffect": 0.1, "baselineRate": 0.1},
                 "guardrails": [{"name": "revenue", "type": "CONTINUOUS", "direction": "INCREASE", "maxRegression": 0.05}],
                 "maxDuration": "P14D"}""", "results-bin-exp");
        String[] variants = { "control", "a", "b" };
        long[] units = { 300, 310, 290 };
        long[] converted = { 30, 45, 33 };
        String p = UUID.randomUUID().toString();
        List<String> exposures = new ArrayList<>();
        List<String> revenue = new ArrayList<>();
        double[][] revenueByUnit = new double[3][];
        String bootstrap = RefineryTestResource.bootstrapServers();
        for (int v = 0; v < 3; v++) {
            revenueByUnit[v] = new double[(int) units[v]];
            for (int i = 0; i < units[v]; i++) {
                String unit = variants[v] + "-" + i;
                exposures.add(exposure(p + "-e-" + unit, "results-bin-exp", unit, variants[v]));
                if (i < converted[v]) {
                    // Conversions go through Kafka, some units twice: still one conversion each.
                    TestTopics.send(bootstrap, "refinery.experiments.outcomes", "results-bin",
                            outcome(p + "-c-" + unit, "results-bin-exp", unit, "conversion", 1));
                    if (i % 5 == 0) {
                        TestTopics.send(bootstrap, "refinery.experiments.outcomes", "results-bin",
                                outcome(p + "-c2-" + unit, "results-bin-exp", unit, "conversion", 1));
                    }
                    double amount = 20 + (i * 7 % 13) + v;
                    revenueByUnit[v][i] = amount;
                    revenue.add(outcome(p + "-r-" + unit, "results-bin-exp", unit, "revenue", amount));
                }
            }
        }
        post("/api/v1/exposures", "[" + String.join(",", exposures) + "]").statusCode(202).body("accepted", equalTo(900));
        post("/api/v1/outcomes", "[" + String.join(",", revenue) + "]").statusCode(202).body("accepted", equalTo(108));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(results("results-bin-exp")
                .getList("variants.conversions", Double.class)).containsExactly(30.0, 45.0, 33.0));

        JsonPath r = results("results-bin-exp");
        assertThat(r.getList("variants.units", Double.class)).containsExactly(300.0, 310.0, 290.0);
        assertThat(r.getDouble("variants[1].mean")).isEqualTo(45 / 310.0);
        MultiTreatmentResult engine = ExperimentComparison.compareTreatments(new MultiTreatmentRequest(MetricType.BINOMIAL,
                InferenceMethod.FREQUENTIST, 0.05, new ProportionStatistic(300, 30),
                List.of(new ProportionStatistic(310, 45), new ProportionStatistic(290, 33)), MultipleTestingCorrection.HOLM));
        for (int t = 0; t < 2; t++) {
            ComparisonResult expected = engine.treatments().get(t).comparison();
            String at = "primaryMetric.comparisons[" + t + "].";
            assertThat(r.getString(at + "variant")).isEqualTo(variants[t + 1]);
            assertThat(r.getDouble(at + "pValue")).isEqualTo(expected.pValue());
            assertThat(r.getDouble(at + "adjustedPValue")).isEqualTo(engine.treatments().get(t).adjustedPValue());
            assertThat(r.getDouble(at + "relativeLift")).isEqualTo(expected.relativeLift());
            assertThat(r.getDouble(at + "absoluteDifference")).isEqualTo(expected.absoluteDifference());
            assertThat(r.getDouble(at + "confidenceInterval.lower")).isEqualTo(expected.confidenceInterval().lower());
            assertThat(r.getDouble(at + "confidenceInterval.upper")).isEqualTo(expected.confidenceInterval().upper());
        }
        assertThat(r.getDouble("srm.pValue")).isEqualTo(SampleRatioMismatchCheck.check(new SrmRequest(
                List.of(300L, 310L, 290L), List.of(0.34, 0.33, 0.33))).pValue());
        assertThat(r.getBoolean("srm.mismatch")).isFalse();
        ComparisonResult guardrail = ExperimentComparison.compare(new ComparisonRequest(MetricType.CONTINUOUS,
                InferenceMethod.FREQUENTIST, 0.05, statistic(revenueByUnit[0]), statistic(revenueByUnit[1])));
        assertThat(r.getString("guardrails[0].name")).isEqualTo("revenue");
        assertThat(r.getDouble("guardrails[0].comparisons[0].pValue")).isCloseTo(guardrail.pValue(), within(1e-9));
        assertThat(r.getDouble("guardrails[0].comparisons[0].relativeLift")).isCloseTo(guardrail.relativeLift(), within(1e-12));
        // Far from the required sample: a fixed-horizon test recommends nothing yet.
        assertThat(r.getDouble("progress.smallestVariantUnits")).isEqualTo(290.0);
        assertThat(r.getBoolean("progress.reached")).isFalse();
        assertThat(r.getString("recommendation.decision")).isEqualTo("INCONCLUSIVE");

        // Stopped, the data is final: the recommendation follows the adjusted p-values, and a conclusion without a
        // decision takes it.
        action("results-bin-exp", "stop", "{}").statusCode(200);
        String recommended = results("results-bin-exp").getString("recommendation.decision");
        boolean aWins = engine.treatments().get(0).significant();
        assertThat(recommended).isEqualTo(aWins ? "SHIP:a" : "INCONCLUSIVE");
        action("results-bin-exp", "conclude", "{}").statusCode(200).body("decision", equalTo(recommended));
    }

    @Test
    void aContinuousMetricWithPrePeriodCovariatesIsComparedAfterCuped() {
        registerSystem("results-cuped");
        createAndStart("""
                {"key": "results-cuped-exp", "systemKey": "results-cuped", "kind": "PERSONALIZATION_DEPTH",
                 "hypothesis": "Deeper personalization raises basket value", "unitType": "USER",
                 "variants": [{"key": "control", "weight": 0.5, "control": true}, {"key": "deep", "weight": 0.5, "control": false}],
                 "primaryMetric": {"name": "basket", "type": "CONTINUOUS", "direction": "INCREASE",
                                   "minimumDetectableEffect": 0.05, "baselineMean": 50, "baselineStdDev": 20},
                 "maxDuration": "P21D"}""", "results-cuped-exp");
        Random random = new Random(42);
        String p = UUID.randomUUID().toString();
        int n = 150;
        double[][] x = new double[2][n];
        double[][] y = new double[2][n];
        List<String> exposures = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        String[] variants = { "control", "deep" };
        for (int v = 0; v < 2; v++) {
            for (int i = 0; i < n; i++) {
                String unit = variants[v] + "-" + i;
                x[v][i] = Math.round((40 + 15 * random.nextGaussian()) * 100) / 100.0;
                y[v][i] = i % 10 == 0 ? 0 : Math.round((0.8 * x[v][i] + 12 + 3 * v + 6 * random.nextGaussian()) * 100) / 100.0;
                exposures.add("{\"id\": \"%s-e-%s\", \"experimentKey\": \"results-cuped-exp\", \"unitId\": \"%s\", \"variant\": \"%s\", \"covariate\": %s}"
                        .formatted(p, unit, unit, variants[v], x[v][i]));
                if (y[v][i] != 0) {
                    outcomes.add(outcome(p + "-o-" + unit, "results-cuped-exp", unit, "basket", y[v][i]));
                }
            }
        }
        post("/api/v1/exposures", "[" + String.join(",", exposures) + "]").statusCode(202).body("accepted", equalTo(2 * n));
        post("/api/v1/outcomes", "[" + String.join(",", outcomes) + "]").statusCode(202);

        JsonPath r = results("results-cuped-exp");
        assertThat(r.getBoolean("primaryMetric.cuped")).isTrue();
        CupedResult engine = ExperimentComparison.compareWithCuped(new CupedRequest(InferenceMethod.FREQUENTIST, 0.05,
                RegressionAdjustedStatistic.of(x[0], y[0]), RegressionAdjustedStatistic.of(x[1], y[1])));
        assertThat(r.getDouble("primaryMetric.comparisons[0].cupedTheta")).isCloseTo(engine.theta(), within(1e-9));
        assertThat(r.getDouble("primaryMetric.comparisons[0].pValue"))
                .isCloseTo(engine.comparison().pValue(), within(1e-9 + 1e-9 * engine.comparison().pValue()));
        assertThat(r.getDouble("primaryMetric.comparisons[0].absoluteDifference"))
                .isCloseTo(engine.comparison().absoluteDifference(), within(1e-9));
        assertThat(r.getDouble("variants[1].mean")).isCloseTo(SampleMeanStatistic.of(y[1]).mean(), within(1e-9));
    }

    private static SampleMeanStatistic statistic(double[] values) {
        return SampleMeanStatistic.of(values);
    }
}
