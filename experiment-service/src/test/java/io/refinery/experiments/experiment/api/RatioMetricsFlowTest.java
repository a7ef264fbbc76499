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
import io.refinery.experiments.stats.NonInferiorityTest;
import io.refinery.experiments.stats.RatioStatistic;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.path.json.JsonPath;

/**
 * Ratio metrics end to end: revenue per session (primary) and items per order (guardrail), users randomised, on the
 * real broker and database. Outcomes arrive in pieces, before and after the exposure, over HTTP and Kafka, by
 * experiment and by system; the results equal the engine's answer on the per-user values.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class RatioMetricsFlowTest {

    @BeforeAll
    static void config() {
        ExperimentFixtures.readNumbersAsDoubles();
    }

    private static final String DESIGN = """
            {"key": "%s", "systemKey": "%s", "kind": "CONTENT", "hypothesis": "Bundles raise revenue per session",
             "unitType": "USER",
             "variants": [{"key": "control", "weight": 0.5, "control": true}, {"key": "bundles", "weight": 0.5, "control": false}],
             "primaryMetric": {"name": "revenue", "type": "RATIO", "denominator": "sessions", "direction": "INCREASE",
                               "minimumDetectableEffect": 0.05, "baselineMean": 3.0, "baselineStdDev": 6.0,
                               "nonInferiorityMargin": 0.2},
             "guardrails": [{"name": "items", "type": "RATIO", "denominator": "orders", "direction": "INCREASE",
                             "maxRegression": 0.5}],
             "maxDuration": "P14D"}""";


    @Test
    void revenuePerSessionAndItemsPerOrderEqualTheEnginesDeltaMethodAnswer() {
        registerSystem("ratio-shop");
        createAndStart(DESIGN.formatted("ratio-exp", "ratio-shop"), "ratio-exp");
        Random random = new Random(7);
        String p = UUID.randomUUID().toString();
        String[] variants = { "control", "bundles" };
        int n = 120;
        double[][] revenue = new double[2][n];
        double[][] sessions = new double[2][n];
        double[][] items = new double[2][n];
        double[][] orders = new double[2][n];
        List<String> exposures = new ArrayList<>();
        List<String> early = new ArrayList<>();
        List<String> late = new ArrayList<>();
        String bootstrap = RefineryTestResource.bootstrapServers();
        for (int v = 0; v < 2; v++) {
            for (int i = 0; i < n; i++) {
                String unit = variants[v] + "-" + i;
                sessions[v][i] = 1 + random.nextInt(4);
                orders[v][i] = random.nextInt(3);
                items[v][i] = orders[v][i] * (1 + random.nextInt(3 + v));
                revenue[v][i] = orders[v][i] == 0 ? 0 : Math.round((15 + 20 * random.nextDouble() + 4 * v) * orders[v][i] * 100) / 100.0;
                exposures.add(exposure(p + "-e-" + unit, "ratio-exp", unit, variants[v]));
                // A third of the users' sessions arrive before their exposure (folded in when it comes), the rest after,
                // one session at a time; revenue in two pieces; orders by system rather than by experiment.
                List<String> sessionsOf = i % 3 == 0 ? early : late;
                for (int s = 0; s < sessions[v][i]; s++) {
                    sessionsOf.add(outcome(p + "-s" + s + "-" + unit, "ratio-exp", unit, "sessions", 1));
                }
                if (revenue[v][i] != 0) {
                    double first = Math.round(revenue[v][i] * 30) / 100.0;
                    (i % 3 == 0 ? early : late).add(outcome(p + "-r1-" + unit, "ratio-exp", unit, "revenue", first));
                    late.add(outcome(p + "-r2-" + unit, "ratio-exp", unit, "revenue",
                            Math.round((revenue[v][i] - first) * 100) / 100.0));
                }
                if (orders[v][i] != 0) {
                    late.add("{\"id\": \"%s-o-%s\", \"systemKey\": \"ratio-shop\", \"unitId\": \"%s\", \"metric\": \"orders\", \"value\": %s}"
                            .formatted(p, unit, unit, orders[v][i]));
                    TestTopics.send(bootstrap, "refinery.experiments.outcomes", "ratio-shop",
                            outcome(p + "-i-" + unit, "ratio-exp", unit, "items", items[v][i]));
                }
            }
        }
        post("/api/v1/outcomes", "[" + String.join(",", early) + "]").statusCode(202).body("accepted", equalTo(early.size()));
        post("/api/v1/exposures", "[" + String.join(",", exposures) + "]").statusCode(202).body("accepted", equalTo(2 * n));
        post("/api/v1/outcomes", "[" + String.join(",", late) + "]").statusCode(202).body("accepted", equalTo(late.size()));
        // A replay changes nothing.
        post("/api/v1/outcomes", "[" + String.join(",", late) + "]").statusCode(202).body("duplicates", equalTo(late.size()));

        RatioStatistic[] primary = { RatioStatistic.of(revenue[0], sessions[0]), RatioStatistic.of(revenue[1], sessions[1]) };
        RatioStatistic[] guardrail = { RatioStatistic.of(items[0], orders[0]), RatioStatistic.of(items[1], orders[1]) };
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(results("ratio-exp")
                .getDouble("guardrails[0].comparisons[0].relativeLift")).isCloseTo(
                        guardrail[1].mean() / guardrail[0].mean() - 1, within(1e-9)));

        JsonPath r = results("ratio-exp");
        assertThat(r.getString("primaryMetric.type")).isEqualTo("RATIO");
        assertThat(r.getString("primaryMetric.denominator")).isEqualTo("sessions");
        for (int v = 0; v < 2; v++) {
            assertThat(r.getDouble("variants[" + v + "].units")).isEqualTo(n);
            assertThat(r.getDouble("variants[" + v + "].mean")).isCloseTo(primary[v].mean(), within(1e-9));
            assertThat(r.getDouble("variants[" + v + "].variance")).isCloseTo(primary[v].variance(),
                    within(1e-9 * primary[v].variance()));
        }
        ComparisonResult expected = ExperimentComparison.compare(new ComparisonRequest(MetricType.RATIO,
                InferenceMethod.FREQUENTIST, primary[0], primary[1]));
        assertThat(r.getString("primaryMetric.comparisons[0].status")).isEqualTo("OK");
        assertThat(r.getDouble("primaryMetric.comparisons[0].pValue")).isCloseTo(expected.pValue(),
                within(1e-9 + 1e-9 * expected.pValue()));
        assertThat(r.getDouble("primaryMetric.comparisons[0].relativeLift")).isCloseTo(expected.relativeLift(), within(1e-9));
        assertThat(r.getDouble("primaryMetric.comparisons[0].confidenceInterval.lower"))
                .isCloseTo(expected.confidenceInterval().lower(), within(1e-9));
        // The design tolerates a 20 % loss: the one-sided test on the same ratio arms (Welch df, as in NonInferiorityTestTest).
        NonInferiorityTest.Result ni = NonInferiorityTest.test(MetricType.RATIO, primary[0], primary[1], true, 0.2, 0.05);
        assertThat(r.getDouble("primaryMetric.comparisons[0].nonInferiority.margin")).isEqualTo(0.2);
        assertThat(r.getDouble("primaryMetric.comparisons[0].nonInferiority.pValue")).isCloseTo(ni.pValue(),
                within(1e-9 + 1e-9 * ni.pValue()));
        assertThat(r.getBoolean("primaryMetric.comparisons[0].nonInferiority.nonInferior")).isEqualTo(ni.nonInferior());
        ComparisonResult guard = ExperimentComparison.compare(new ComparisonRequest(MetricType.RATIO,
                InferenceMethod.FREQUENTIST, guardrail[0], guardrail[1]));
        assertThat(r.getString("guardrails[0].denominator")).isEqualTo("orders");
        assertThat(r.getDouble("guardrails[0].comparisons[0].pValue")).isCloseTo(guard.pValue(),
                within(1e-9 + 1e-9 * guard.pValue()));
    }

    @Test
    void aRatioNeedsADenominatorThatIsAnotherMetric() {
        registerSystem("ratio-bad");
        create(DESIGN.formatted("ratio-bad-1", "ratio-bad").replace("\"denominator\": \"sessions\", ", ""))
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("primaryMetric.denominator"));
        create(DESIGN.formatted("ratio-bad-2", "ratio-bad").replace("\"denominator\": \"sessions\"", "\"denominator\": \"revenue\""))
                .statusCode(422).body("errors.field", hasItem("primaryMetric.denominator"));
        create(DESIGN.formatted("ratio-bad-3", "ratio-bad").replace("\"denominator\": \"orders\"", "\"denominator\": \"Orders!\""))
                .statusCode(422).body("errors.field", hasItem("guardrails[0].denominator"));
        create(DESIGN.formatted("ratio-bad-4", "ratio-bad").replace("\"type\": \"RATIO\", \"denominator\": \"orders\"",
                "\"type\": \"CONTINUOUS\", \"denominator\": \"orders\"")).statusCode(422)
                .body("errors.field", hasItem("guardrails[0].denominator"));
        create(DESIGN.formatted("ratio-bad-6", "ratio-bad").replace("\"nonInferiorityMargin\": 0.2", "\"nonInferiorityMargin\": 1.5"))
                .statusCode(422).body("errors.field", hasItem("primaryMetric.nonInferiorityMargin"));
        create(DESIGN.formatted("ratio-bad-5", "ratio-bad").replace("\"baselineStdDev\": 6.0", "\"baselineStdDev\": null"))
                .statusCode(422).body("errors.field", hasItem("primaryMetric.baselineStdDev"));
    }
}
