package io.refinery.experiments.analysis.api;

import static io.refinery.experiments.experiment.api.ExperimentFixtures.INGEST;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.VIEWER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.experiments.stats.AaSelfCheck;
import io.refinery.experiments.stats.ComparisonRequest;
import io.refinery.experiments.stats.ComparisonResult;
import io.refinery.experiments.stats.ExperimentComparison;
import io.refinery.experiments.stats.InferenceMethod;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.ProportionStatistic;
import io.refinery.experiments.stats.SummaryStatistic;
import io.refinery.testing.RefineryTestResource;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.ValidatableResponse;

/** The engine as a service: thin wrappers, invalid input a 400 naming the field. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class AnalysisResourceTest {

    @BeforeAll
    static void config() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    private static ValidatableResponse post(String path, String body) {
        return given().header("Authorization", VIEWER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/analysis/" + path).then();
    }

    /** The values of one arm of reference/quantile-latency.csv as a JSON array. */
    private static String latencies(String arm) throws java.io.IOException {
        try (var in = AnalysisResourceTest.class.getResourceAsStream("/reference/quantile-latency.csv")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith(arm + ",")).map(l -> l.substring(arm.length() + 1))
                    .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        }
    }

    @Test
    void compareAnswersWhatTheEngineAnswers() throws Exception {
        ComparisonResult z = ExperimentComparison.compare(new ComparisonRequest(MetricType.BINOMIAL,
                InferenceMethod.FREQUENTIST, 0.05, new ProportionStatistic(10_000, 500), new ProportionStatistic(10_000, 560)));
        post("compare", """
                {"metricType": "BINOMIAL", "method": "FREQUENTIST", "alpha": 0.05,
                 "control": {"units": 10000, "conversions": 500}, "treatment": {"units": 10000, "conversions": 560}}""")
                .statusCode(200)
                .body("pValue", equalTo(z.pValue()))
                .body("relativeLift", closeTo(0.12, 1e-12))
                .body("absoluteDifference", closeTo(0.006, 1e-12))
                .body("confidenceInterval.lower", equalTo(z.confidenceInterval().lower()))
                .body("confidenceInterval.upper", equalTo(z.confidenceInterval().upper()))
                .body("significant", equalTo(z.significant()))
                .body("chanceToBeatControl", nullValue());
        ComparisonResult welch = ExperimentComparison.compare(new ComparisonRequest(MetricType.CONTINUOUS,
                InferenceMethod.FREQUENTIST, 0.05, new SummaryStatistic(200, 50, 20), new SummaryStatistic(210, 55, 22)));
        post("compare", """
                {"metricType": "CONTINUOUS", "method": "FREQUENTIST",
                 "control": {"units": 200, "mean": 50, "stdDev": 20}, "treatment": {"units": 210, "mean": 55, "stdDev": 22}}""")
                .statusCode(200).body("pValue", equalTo(welch.pValue()));
        // Items per order, users randomised: R 4.2.2's delta method and Welch test on these sums (RatioStatisticTest)
        post("compare", """
                {"metricType": "RATIO", "method": "FREQUENTIST",
                 "control": {"units": 10, "numeratorSum": 30, "numeratorSumOfSquares": 144, "denominatorSum": 14,
                             "denominatorSumOfSquares": 26, "sumOfProducts": 59},
                 "treatment": {"units": 10, "numeratorSum": 44, "numeratorSumOfSquares": 260, "denominatorSum": 16,
                               "denominatorSumOfSquares": 30, "sumOfProducts": 85}}""")
                .statusCode(200).body("pValue", closeTo(0.12724855320586823, 1e-12))
                .body("relativeLift", closeTo(0.28333333333333344, 1e-14))
                .body("confidenceInterval.lower", closeTo(-0.13627028510198685, 1e-10))
                .body("status", equalTo("OK"));
        // p90 latency from the units' values: R 4.2.2's answer on the same file (QuantileStatisticTest)
        post("compare", """
                {"metricType": "QUANTILE", "method": "FREQUENTIST", "quantile": 0.9,
                 "control": {"values": %s}, "treatment": {"values": %s}}""".formatted(latencies("control"),
                latencies("treatment")))
                .statusCode(200).body("pValue", closeTo(0.33597465741339244, 1e-12))
                .body("relativeLift", closeTo(-0.060269144504966232, 1e-13))
                .body("status", equalTo("OK"));
        ComparisonResult bayes = ExperimentComparison.compare(new ComparisonRequest(MetricType.BINOMIAL,
                InferenceMethod.BAYESIAN, 0.05, new ProportionStatistic(1000, 50), new ProportionStatistic(1000, 65)));
        post("compare", """
                {"metricType": "BINOMIAL", "method": "BAYESIAN",
                 "control": {"units": 1000, "conversions": 50}, "treatment": {"units": 1000, "conversions": 65}}""")
                .statusCode(200)
                .body("chanceToBeatControl", equalTo(bayes.chanceToBeatControl()))
                .body("expectedLoss", equalTo(bayes.expectedLoss()))
                .body("pValue", nullValue());
    }

    @Test
    void invalidInputIsA400NamingTheField() {
        post("compare", """
                {"metricType": "BINOMIAL", "method": "FREQUENTIST",
                 "control": {"units": 100, "conversions": 120}, "treatment": {"units": 100, "conversions": 5}}""")
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("control.conversions"));
        post("compare", """
                {"metricType": "BINOMIAL", "method": "FREQUENTIST",
                 "control": {"units": 100, "conversions": 12}, "treatment": {"units": 100}}""")
                .statusCode(400).body("errors[0].field", equalTo("treatment.conversions"));
        post("compare", """
                {"metricType": "BINOMIAL", "method": "FREQUENTIST", "alpha": 2,
                 "control": {"units": 100, "conversions": 12}, "treatment": {"units": 100, "conversions": 5}}""")
                .statusCode(400).body("errors[0].field", equalTo("alpha"));
        post("compare", "{\"metricType\": \"HISTOGRAM\"}").statusCode(400).body("errors[0].field", equalTo("metricType"));
        post("compare", """
                {"metricType": "RATIO", "method": "FREQUENTIST",
                 "control": {"units": 10, "numeratorSum": 30, "numeratorSumOfSquares": 144, "denominatorSum": 14,
                             "denominatorSumOfSquares": 26, "sumOfProducts": 59},
                 "treatment": {"units": 10, "numeratorSum": 44, "denominatorSum": 16, "denominatorSumOfSquares": 30,
                               "sumOfProducts": 85}}""")
                .statusCode(400).body("errors[0].field", equalTo("treatment.numeratorSumOfSquares"));
        post("compare", """
                {"metricType": "RATIO", "method": "FREQUENTIST",
                 "control": {"units": 2, "numeratorSum": 4, "numeratorSumOfSquares": 10, "denominatorSum": 4,
                             "denominatorSumOfSquares": 10, "sumOfProducts": 50},
                 "treatment": {"units": 10, "numeratorSum": 44, "numeratorSumOfSquares": 260, "denominatorSum": 16,
                               "denominatorSumOfSquares": 30, "sumOfProducts": 85}}""")
                .statusCode(400).body("errors[0].field", equalTo("control.sumOfProducts"));
        post("compare", "{\"metricType\": \"CONTINUOUS\", \"method\": \"FREQUENTIST\", \"control\": {\"units\": 3, \"mean\": 1},"
                + " \"treatment\": {\"units\": 3, \"mean\": 1, \"stdDev\": 1}}")
                .statusCode(400).body("errors[0].field", equalTo("control.stdDev"));
        post("compare", "{\"metricType\": \"QUANTILE\", \"method\": \"FREQUENTIST\", \"control\": {\"values\": [1, 2]},"
                + " \"treatment\": {\"values\": [1, 2]}}").statusCode(400).body("errors[0].field", equalTo("quantile"));
        post("compare", "{\"metricType\": \"QUANTILE\", \"method\": \"FREQUENTIST\", \"quantile\": 0.5,"
                + " \"control\": {\"values\": [1, null]}, \"treatment\": {\"values\": [1, 2]}}").statusCode(400)
                .body("errors[0].field", equalTo("control.values[1]"));
        post("compare", "{\"metricType\": \"QUANTILE\", \"method\": \"FREQUENTIST\", \"quantile\": 0.5,"
                + " \"control\": {\"values\": [1, 2]}, \"treatment\": {}}").statusCode(400)
                .body("errors[0].field", equalTo("treatment.values"));
        post("srm", "{\"observed\": [100], \"expectedWeights\": [1]}").statusCode(400)
                .body("errors[0].field", equalTo("observed"));
        post("srm", "{\"observed\": [100, 100], \"expectedWeights\": [1, 0]}").statusCode(400)
                .body("errors[0].field", equalTo("expectedWeights[1]"));
        post("sample-size", "{\"metricType\": \"BINOMIAL\", \"minimumDetectableEffect\": 0.1}").statusCode(400)
                .body("errors[0].field", equalTo("baselineRate"));
        post("sample-size", "{\"metricType\": \"BINOMIAL\", \"baselineRate\": 1.5, \"minimumDetectableEffect\": 0.1}")
                .statusCode(400).body("errors[0].field", equalTo("baselineRate"));
    }

    @Test
    void srmAndSampleSizeAnswerAndNeedARole() {
        // scipy.stats.chisquare([5000, 5200], [5100, 5100]): statistic 3.9216, p = 0.04767.
        post("srm", "{\"observed\": [5000, 5200], \"expectedWeights\": [0.5, 0.5]}").statusCode(200)
                .body("pValue", closeTo(0.04767, 1e-5)).body("mismatch", equalTo(false));
        post("srm", "{\"observed\": [5000, 5600], \"expectedWeights\": [1, 1]}").statusCode(200)
                .body("mismatch", equalTo(true));
        // (1.959964 + 0.841621)² · (0.05·0.95 + 0.055·0.945) / 0.005² = 31,231.
        post("sample-size", """
                {"metricType": "BINOMIAL", "baselineRate": 0.05, "minimumDetectableEffect": 0.1, "alpha": 0.05, "power": 0.8}""")
                .statusCode(200).body("unitsPerVariant", equalTo(31231));
        post("sample-size", """
                {"metricType": "CONTINUOUS", "baselineMean": 50, "baselineStdDev": 20, "minimumDetectableEffect": 0.1}""")
                .statusCode(200).body("unitsPerVariant", equalTo(252));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("{}").post("/api/v1/analysis/srm")
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/analysis/srm").then().statusCode(401);
    }

    @Test
    void theAaSelfCheckReportsEachAnalysisFalsePositiveRateNextToAlpha() {
        given().header("Authorization", VIEWER).get("/api/v1/analysis/aa-check?simulations=500&alpha=0.05").then()
                .statusCode(200)
                .body("alpha", equalTo(0.05))
                .body("simulations", equalTo(500))
                .body("passed", equalTo(true))
                .body("scenarios.size()", equalTo(6))
                .body("scenarios[0].metricType", equalTo("BINOMIAL"))
                .body("scenarios[0].falsePositives", equalTo(AaSelfCheck.run(500, 0.05).get(0).falsePositives()));
        given().header("Authorization", VIEWER).get("/api/v1/analysis/aa-check?simulations=lots").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("simulations"));
        given().header("Authorization", VIEWER).get("/api/v1/analysis/aa-check?simulations=1000000").then()
                .statusCode(400).body("errors[0].field", equalTo("simulations"));
        given().header("Authorization", VIEWER).get("/api/v1/analysis/aa-check?alpha=NaN").then()
                .statusCode(400).body("errors[0].field", equalTo("alpha"));
    }
}
