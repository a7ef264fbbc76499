package io.refinery.metrics.drift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.ValidatableResponse;

/**
 * The contract of {@code POST /api/v1/drift/compare}. Reference values: scipy 1.17.1 / numpy 2.4.6, on the samples
 * {@code A} and {@code B} of the unit tests (io.refinery.metrics.drift.stats.DriftSamples).
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class DriftCompareTest {

    private static final String VIEWER = TestTokens.bearer("victor", "viewer");
    private static final String A = "[0.61, 0.29, 0.06, 0.59, -1.1, -0.62, 1.28, -0.13, 0.37, 0.92]";
    private static final String B = "[1.4, 0.62, 2.1, 0.88, 1.77, 0.1, 1.5, 1.13, 0.95, 2.4, 0.33, 1.2]";

    @BeforeAll
    static void config() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    private static ValidatableResponse compare(String body) {
        return given().header("Authorization", VIEWER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/drift/compare").then();
    }

    private static void refused(String body, String field, String message) {
        compare(body).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
    }

    @Test
    void ksGivesDAndScipysDefaultPValueNamingTheMethod() {
        // scipy 1.10.1: ks_2samp(A, B) = (0.6333333333333333, 0.015306674749399209), by the exact distribution
        compare("{\"type\": \"NUMERICAL\", \"method\": \"KS\", \"reference\": " + A + ", \"current\": " + B + "}")
                .statusCode(200)
                .body("method", equalTo("KS"))
                .body("statistic", closeTo(0.6333333333333334, 1e-12))
                .body("pValue", closeTo(0.015306674749399209, 1e-12))
                .body("pValueMethod", equalTo("EXACT"))
                .body("threshold", equalTo(0.05))
                .body("drifted", is(true))
                .body("containsKey('band')", is(false));
    }

    @Test
    void distancesHaveANullPValueAndAutoSaysWhatItChose() {
        // wasserstein_distance(A, B) / np.std(A) = 1.4438754427313523
        compare("{\"type\": \"NUMERICAL\", \"method\": \"WASSERSTEIN\", \"reference\": " + A + ", \"current\": " + B
                + ", \"threshold\": 1.5}")
                .statusCode(200)
                .body("method", equalTo("WASSERSTEIN"))
                .body("statistic", closeTo(1.4438754427313523, 1e-12))
                .body("containsKey('pValue')", is(true))
                .body("pValue", nullValue())
                .body("threshold", equalTo(1.5))
                .body("drifted", is(false));
        // 10 reference values (<= 1,000) with more than 5 distinct: KS
        compare("{\"type\": \"NUMERICAL\", \"reference\": " + A + ", \"current\": " + B + "}")
                .statusCode(200).body("method", equalTo("KS"));
    }

    @Test
    void psiComesWithItsBand() {
        compare("{\"type\": \"NUMERICAL\", \"method\": \"PSI\", \"reference\": " + A + ", \"current\": " + B + "}")
                .statusCode(200)
                .body("method", equalTo("PSI"))
                .body("pValue", nullValue())
                .body("band", oneOf("STABLE", "MODERATE", "MAJOR"))
                .body("threshold", equalTo(0.1));
    }

    @Test
    void categoricalSamplesAreLabels() {
        // jensenshannon([3, 2, 1], [1, 1, 4]) = 0.37158118961055386
        compare("""
                {"type": "CATEGORICAL", "method": "JENSEN_SHANNON",
                 "reference": ["mobile", "mobile", "desktop", "mobile", "desktop", "tablet"],
                 "current": ["tablet", "mobile", "tablet", "desktop", "tablet", "tablet"]}""")
                .statusCode(200)
                .body("method", equalTo("JENSEN_SHANNON"))
                .body("statistic", closeTo(0.37158118961055386, 1e-12))
                .body("pValue", nullValue())
                .body("drifted", is(true));
        compare("{\"type\": \"CATEGORICAL\", \"reference\": [\"a\", \"b\"], \"current\": [\"a\", \"a\"]}")
                .statusCode(200).body("method", equalTo("CHI_SQUARE")).body("pValue", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void badInputIsA400NamingTheField() {
        refused("{\"type\": \"NUMERICAL\", \"reference\": [], \"current\": [1, 2]}", "reference", "must not be empty");
        refused("{\"type\": \"NUMERICAL\", \"reference\": [1, \"2\"], \"current\": [1]}", "reference", "mixes numbers and strings");
        refused("{\"type\": \"NUMERICAL\", \"reference\": [1, 2], \"current\": [\"NaN\", \"1\"]}", "current", "\"NaN\" is not a number");
        refused("{\"type\": \"NUMERICAL\", \"reference\": [1, NaN], \"current\": [1]}", "reference", "malformed JSON");
        refused("{\"type\": \"NUMERICAL\", \"reference\": [1, 1e999], \"current\": [1]}", "reference", "finite");
        refused("{\"type\": \"NUMERICAL\", \"reference\": [1, null], \"current\": [1]}", "reference", "[1] is null");
        refused("{\"type\": \"CATEGORICAL\", \"reference\": [1, 2], \"current\": [\"a\"]}", "reference", "must hold strings");
        refused("{\"type\": \"CATEGORICAL\", \"method\": \"KS\", \"reference\": [\"a\"], \"current\": [\"a\"]}", "method", "needs NUMERICAL");
        refused("{\"reference\": [1], \"current\": [1]}", "type", "is required");
        refused("{\"type\": \"ORDINAL\", \"reference\": [1], \"current\": [1]}", "type", "must be one of");
        refused("{\"type\": \"NUMERICAL\", \"method\": \"T_TEST\", \"reference\": [1], \"current\": [1]}", "method", "must be one of");
        refused("{\"type\": \"NUMERICAL\", \"reference\": [1], \"current\": [1], \"threshold\": -1}", "threshold", ">= 0");
        refused("{\"type\": \"NUMERICAL\", \"reference\": [1], \"current\": [1], \"alpha\": 1}", "alpha", "unknown field");
        refused("{\"type\": \"NUMERICAL\", \"reference\": [1]}", "current", "is required");
        refused("{\"type\": \"NUMERICAL\", \"reference\": {\"a\": 1}, \"current\": [1]}", "reference", "must be an array");
        refused("[1, 2]", "body", "JSON object");
        StringBuilder tooMany = new StringBuilder("{\"type\": \"NUMERICAL\", \"current\": [1], \"reference\": [0");
        tooMany.append(",0".repeat(1_000_000)).append("]}");
        refused(tooMany.toString(), "reference", "at most 1000000 values");
    }

    @Test
    void aTokenIsRequiredAndViewerOrAdminMayCompare() {
        String body = "{\"type\": \"NUMERICAL\", \"reference\": " + A + ", \"current\": " + B + "}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/drift/compare").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("shop", "ingest")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/drift/compare").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("alice", "admin")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/drift/compare").then().statusCode(200);
    }

    /** Full-precision doubles: a body of about 38 MB, above the 16 MB every other path is held to. */
    @Test
    void aMillionValuesPerSampleAreCompared() {
        StringBuilder body = new StringBuilder(40_000_000).append("{\"type\": \"NUMERICAL\", \"method\": \"KS\", \"reference\": [");
        for (int i = 0; i < 1_000_000; i++) {
            body.append(i == 0 ? "" : ",").append(i * 7919L % 1_000_003 / 7.0);
        }
        body.append("], \"current\": [");
        for (int i = 0; i < 1_000_000; i++) {
            body.append(i == 0 ? "" : ",").append((i * 7919L % 1_000_003 + 20_000) / 7.0);
        }
        body.append("]}");
        long start = System.nanoTime();
        compare(body.toString()).statusCode(200).body("method", equalTo("KS")).body("drifted", is(true));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("compare 1,000,000 x 1,000,000 (KS, %d MB body) over HTTP: %d ms%n", body.length() >> 20, millis);
        assertThat(body.length()).isGreaterThan(16 << 20);
        assertThat(millis).isLessThan(30_000);
    }

    @Test
    void otherPathsKeepTheirSmallerBodyLimit() {
        given().header("Authorization", TestTokens.bearer("shop", "ingest")).contentType(ContentType.JSON)
                .body("[" + " ".repeat(17 << 20) + "]").post("/api/v1/drift/samples").then().statusCode(413)
                .contentType("application/problem+json").body("errors[0].field", equalTo("body"));
    }
}
