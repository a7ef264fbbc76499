package io.refinery.experiments.experiment.api;

import static io.refinery.experiments.experiment.api.ExperimentFixtures.create;
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
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import io.refinery.experiments.stats.ExperimentComparison;
import io.refinery.experiments.stats.InferenceMethod;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.QuantileStatistic;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.path.json.JsonPath;

/**
 * Quantile metrics end to end: p90 response latency (primary, lower is better) and median order value (guardrail) on
 * the real broker and database. The results equal the engine's answer on the per-unit values of the units that
 * reported each metric; units without a value do not count as 0.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class QuantileMetricsFlowTest {

    @BeforeAll
    static void config() {
        ExperimentFixtures.readNumbersAsDoubles();
    }

    private static final String DESIGN = """
            {"key": "%s", "systemKey": "%s", "kind": "MODEL_VARIANT", "hypothesis": "The distilled ranker answers faster",
             "unitType": "USER",
             "variants": [{"key": "control", "weight": 0.5, "control": true}, {"key": "distilled", "weight": 0.5, "control": false}],
             "primaryMetric": {"name": "latency", "type": "QUANTILE", "quantile": 0.9, "direction": "DECREASE",
                               "minimumDetectableEffect": 0.05, "baselineMean": 300, "baselineStdDev": 250},
             "guardrails": [{"name": "order_value", "type": "QUANTILE", "quantile": 0.5, "direction": "INCREASE",
                             "maxRegression": 0.5}],
             "maxDuration": "P14D"}""";


    @Test
    void p90LatencyAndMedianOrderValueEqualTheEnginesAnswer() {
        registerSystem("quantile-shop");
        createAndStart(DESIGN.formatted("quantile-exp", "quantile-shop"), "quantile-exp");
        Random random = new Random(11);
        String p = UUID.randomUUID().toString();
        String[] variants = { "control", "distilled" };
        int n = 300;
        List<List<Double>> latency = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> orderValue = List.of(new ArrayList<>(), new ArrayList<>());
        List<String> exposures = new ArrayList<>();
        List<String> early = new ArrayList<>();
        List<String> late = new ArrayList<>();
        String bootstrap = RefineryTestResource.bootstrapServers();
        for (int v = 0; v < 2; v++) {
            for (int i = 0; i < n; i++) {
                String unit = variants[v] + "-" + i;
                exposures.add(exposure(p + "-e-" + unit, "quantile-exp", unit, variants[v]));
                if (i % 10 != 9) { // one user in ten never reports a latency: not a 0
                    double first = Math.round(Math.exp(5 + 0.6 * random.nextGaussian() - 0.15 * v) * 10) / 10.0;
                    double second = i % 4 == 0 ? Math.round(40 * random.nextDouble() * 10) / 10.0 : 0;
                    latency.get(v).add(first + second);
                    (i % 3 == 0 ? early : late).add(outcome(p + "-l1-" + unit, "quantile-exp", unit, "latency", first));
                    if (second != 0) { // the unit's value is the sum of its outcomes
                        late.add(outcome(p + "-l2-" + unit, "quantile-exp", unit, "latency", second));
                    }
                }
                if (i % 2 == 0) {
                    double value = Math.round((40 + 30 * random.nextDouble()) * 100) / 100.0;
                    orderValue.get(v).add(value);
                    TestTopics.send(bootstrap, "refinery.experiments.outcomes", "quantile-shop",
                            outcome(p + "-o-" + unit, "quantile-exp", unit, "order_value", value));
                }
            }
        }
        post("/api/v1/outcomes", "[" + String.join(",", early) + "]").statusCode(202).body("accepted", equalTo(early.size()));
        post("/api/v1/exposures", "[" + String.join(",", exposures) + "]").statusCode(202).body("accepted", equalTo(2 * n));
        post("/api/v1/outcomes", "[" + String.join(",", late) + "]").statusCode(202).body("accepted", equalTo(late.size()));

        QuantileStatistic[] primary = { QuantileStatistic.of(values(latency.get(0)), 0.9),
                QuantileStatistic.of(values(latency.get(1)), 0.9) };
        QuantileStatistic[] guardrail = { QuantileStatistic.of(values(orderValue.get(0)), 0.5),
                QuantileStatistic.of(values(orderValue.get(1)), 0.5) };
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(results("quantile-exp")
                .getDouble("guardrails[0].comparisons[0].relativeLift")).isCloseTo(
                        guardrail[1].estimate() / guardrail[0].estimate() - 1, within(1e-9)));

        JsonPath r = results("quantile-exp");
        assertThat(r.getString("primaryMetric.type")).isEqualTo("QUANTILE");
        assertThat(r.getDouble("primaryMetric.quantile")).isEqualTo(0.9);
        for (int v = 0; v < 2; v++) {
            assertThat(r.getDouble("variants[" + v + "].units")).isEqualTo(n);
            assertThat(r.getDouble("variants[" + v + "].mean")).isCloseTo(primary[v].estimate(), within(1e-9));
        }
        ComparisonResult expected = ExperimentComparison.compare(new ComparisonRequest(MetricType.QUANTILE,
                InferenceMethod.FREQUENTIST, primary[0], primary[1]));
        assertThat(r.getString("primaryMetric.comparisons[0].status")).isEqualTo("OK");
        assertThat(r.getDouble("primaryMetric.comparisons[0].pValue")).isCloseTo(expected.pValue(), within(1e-9));
        assertThat(r.getDouble("primaryMetric.comparisons[0].relativeLift")).isCloseTo(expected.relativeLift(), within(1e-9));
        assertThat(r.getDouble("primaryMetric.comparisons[0].confidenceInterval.upper"))
                .isCloseTo(expected.confidenceInterval().upper(), within(1e-9));
        ComparisonResult guard = ExperimentComparison.compare(new ComparisonRequest(MetricType.QUANTILE,
                InferenceMethod.FREQUENTIST, guardrail[0], guardrail[1]));
        assertThat(r.getDouble("guardrails[0].quantile")).isEqualTo(0.5);
        assertThat(r.getDouble("guardrails[0].comparisons[0].pValue")).isCloseTo(guard.pValue(), within(1e-9));
    }

    @Test
    void aQuantileMetricNamesItsQuantile() {
        registerSystem("quantile-bad");
        create(DESIGN.formatted("quantile-bad-1", "quantile-bad").replace("\"quantile\": 0.9, ", ""))
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("primaryMetric.quantile"));
        create(DESIGN.formatted("quantile-bad-2", "quantile-bad").replace("\"quantile\": 0.5", "\"quantile\": 1.5"))
                .statusCode(422).body("errors.field", hasItem("guardrails[0].quantile"));
        create(DESIGN.formatted("quantile-bad-3", "quantile-bad").replace("\"type\": \"QUANTILE\", \"quantile\": 0.5",
                "\"type\": \"CONTINUOUS\", \"quantile\": 0.5")).statusCode(422)
                .body("errors.field", hasItem("guardrails[0].quantile"));
    }

    private static double[] values(List<Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(array);
        return array;
    }
}
