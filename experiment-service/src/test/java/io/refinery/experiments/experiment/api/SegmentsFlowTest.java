package io.refinery.experiments.experiment.api;

import static io.refinery.experiments.experiment.api.ExperimentFixtures.VIEWER;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.binomial;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.createAndStart;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.registerSystem;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.outcome;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.experiments.stats.ComparisonRequest;
import io.refinery.experiments.stats.ComparisonResult;
import io.refinery.experiments.stats.ExperimentComparison;
import io.refinery.experiments.stats.Heterogeneity;
import io.refinery.experiments.stats.InferenceMethod;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.MultipleTestingCorrection;
import io.refinery.experiments.stats.PValueAdjustment;
import io.refinery.experiments.stats.ProportionStatistic;
import io.refinery.testing.RefineryTestResource;
import io.restassured.path.json.JsonPath;

/**
 * "It only works for new customers", as a finding: the new ranker doubles conversion for new customers and changes
 * nothing for returning ones. Per segment the engine's answers, adjusted together, and Cochran's Q on the two
 * effects; units exposed without the dimension are counted apart.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class SegmentsFlowTest {

    @BeforeAll
    static void config() {
        ExperimentFixtures.readNumbersAsDoubles();
    }

    @Test
    void anEffectOnlyNewCustomersSeeIsFoundAndItsHeterogeneityTested() {
        registerSystem("seg-shop");
        createAndStart(binomial("seg-exp", "seg-shop", ""), "seg-exp");
        String p = UUID.randomUUID().toString();
        String[] variants = { "control", "treatment" };
        String[] types = { "new", "returning" };
        long[][] units = new long[2][2];
        long[][] converted = new long[2][2];
        List<String> exposures = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 1600; i++) {
            String unit = "u-" + i;
            int v = i % 2;
            int type = (i / 2) % 2;
            units[v][type]++;
            int tenths = v == 1 && type == 0 ? 2 : 1; // 20 % for new customers on the new ranker, 10 % elsewhere
            if ((i / 4) % 10 < tenths) {
                converted[v][type]++;
                outcomes.add(outcome(p + "-o-" + unit, "seg-exp", unit, "conversion", 1));
            }
            exposures.add("{\"id\": \"%s-e-%s\", \"experimentKey\": \"seg-exp\", \"unitId\": \"%s\", \"variant\": \"%s\", \"segments\": {\"customer_type\": \"%s\", \"device\": \"%s\"}}"
                    .formatted(p, unit, unit, variants[v], types[type], i % 3 == 0 ? "mobile" : "desktop"));
        }
        for (int i = 0; i < 30; i++) { // exposed without any segment
            exposures.add("{\"id\": \"%s-x-%d\", \"experimentKey\": \"seg-exp\", \"unitId\": \"plain-%d\", \"variant\": \"control\"}"
                    .formatted(p, i, i));
        }
        post("/api/v1/exposures", "[" + String.join(",", exposures) + "]").statusCode(202).body("accepted", equalTo(1630));
        post("/api/v1/outcomes", "[" + String.join(",", outcomes) + "]").statusCode(202);

        JsonPath r = given().header("Authorization", VIEWER).queryParam("dimension", "customer_type")
                .get("/api/v1/experiments/seg-exp/segments").then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("segments.segment")).containsExactly("new", "returning");
        assertThat(r.getDouble("unitsWithoutDimension")).isEqualTo(30.0);
        List<ComparisonResult> expected = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        List<Double> effects = new ArrayList<>();
        List<Double> variances = new ArrayList<>();
        for (int type = 0; type < 2; type++) {
            ProportionStatistic control = new ProportionStatistic(units[0][type], converted[0][type]);
            ProportionStatistic treatment = new ProportionStatistic(units[1][type], converted[1][type]);
            ComparisonResult c = ExperimentComparison.compare(new ComparisonRequest(MetricType.BINOMIAL,
                    InferenceMethod.FREQUENTIST, 0.05, control, treatment));
            expected.add(c);
            pValues.add(c.pValue());
            effects.add(c.absoluteDifference());
            variances.add(control.varianceOfMean() + treatment.varianceOfMean());
        }
        List<Double> holm = PValueAdjustment.adjust(pValues, MultipleTestingCorrection.HOLM).adjusted();
        for (int type = 0; type < 2; type++) {
            String at = "segments[" + type + "].comparisons[0].";
            assertThat(r.getDouble(at + "pValue")).isCloseTo(expected.get(type).pValue(), within(1e-12));
            assertThat(r.getDouble(at + "adjustedPValue")).isCloseTo(holm.get(type), within(1e-12));
            assertThat(r.getDouble(at + "relativeLift")).isCloseTo(expected.get(type).relativeLift(), within(1e-12));
        }
        assertThat(r.getDouble("segments[0].comparisons[0].relativeLift")).isCloseTo(1.0, within(1e-12));
        assertThat(r.getBoolean("segments[0].comparisons[0].significant")).isTrue();
        assertThat(r.getBoolean("segments[1].comparisons[0].significant")).isFalse();
        Heterogeneity.Result q = Heterogeneity.test(effects, variances);
        assertThat(r.getDouble("heterogeneity[0].q")).isCloseTo(q.q(), within(1e-9));
        assertThat(r.getDouble("heterogeneity[0].pValue")).isCloseTo(q.pValue(), within(1e-12));
        assertThat(r.getBoolean("heterogeneity[0].heterogeneous")).isTrue();

        // Another dimension of the same exposures: the effect is the same on both devices (a third are mobile).
        given().header("Authorization", VIEWER).queryParam("dimension", "device").get("/api/v1/experiments/seg-exp/segments")
                .then().statusCode(200).body("segments.segment", equalTo(List.of("desktop", "mobile")));
        given().header("Authorization", VIEWER).get("/api/v1/experiments/seg-exp/segments").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("dimension"));
        post("/api/v1/exposures", "[{\"id\": \"%s-bad\", \"experimentKey\": \"seg-exp\", \"unitId\": \"bad\", \"segments\": {\"Device\": \"x\"}}]"
                .formatted(p)).statusCode(202).body("rejected[0].errors[0].field", equalTo("segments.Device"));
    }
}
