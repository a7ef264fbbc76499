package io.refinery.metrics.drift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.stream.Collectors;

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
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;

/**
 * {@code POST /api/v1/drift/multivariate} over real HTTP with the data and numpy reference values of
 * {@code ReconstructionDriftTest}: the broken correlation is found, x3 named as what moved.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class MultivariateDriftTest {

    private static final String VIEWER = TestTokens.bearer("victor", "viewer");

    @BeforeAll
    static void config() {
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    private static String rows(String file) {
        return Arrays.stream(io.refinery.metrics.drift.stats.ReconstructionDriftTest.rows(file))
                .map(r -> Arrays.stream(r).mapToObj(Double::toString).collect(Collectors.joining(",", "[", "]")))
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String body() {
        return """
                {"features": ["x1", "x2", "x3", "x4"], "referenceChunkSize": 100,
                 "reference": %s,
                 "chunks": [{"label": "2026-12-01", "rows": %s}, {"label": "2026-12-02", "rows": %s}]}"""
                .formatted(rows("reconstruction-reference.csv"), rows("reconstruction-same.csv"),
                        rows("reconstruction-broken.csv"));
    }

    @Test
    void aBrokenCorrelationDriftsAndItsFeatureIsNamed() {
        JsonPath r = given().header("Authorization", VIEWER).contentType(ContentType.JSON).body(body())
                .post("/api/v1/drift/multivariate").then().statusCode(200).extract().jsonPath();
        assertThat(r.getInt("reconstruction.components")).isEqualTo(1);
        assertThat(r.getDouble("reconstruction.upper")).isCloseTo(1.0938054688807115, within(1e-9));
        assertThat(r.getList("reconstruction.referenceChunks")).hasSize(6);
        assertThat(r.getString("reconstruction.chunks[0].label")).isEqualTo("2026-12-01");
        assertThat(r.getBoolean("reconstruction.chunks[0].drifted")).isFalse();
        assertThat(r.getDouble("reconstruction.chunks[1].error")).isCloseTo(1.3171105265533027, within(1e-9));
        assertThat(r.getBoolean("reconstruction.chunks[1].drifted")).isTrue();
        assertThat(r.getString("reconstruction.chunks[1].features[2].feature")).isEqualTo("x3");
        assertThat(r.getDouble("reconstruction.chunks[1].features[2].squaredError")).isCloseTo(0.8492199046098757, within(1e-9));
        // The same margins, a broken correlation: a linear domain classifier sees little (the reconstruction does).
        assertThat(r.getString("domainClassifier[1].label")).isEqualTo("2026-12-02");
        assertThat(r.getDouble("domainClassifier[1].result.auroc")).isBetween(0.4, 0.6);
        assertThat(r.getBoolean("domainClassifier[1].result.drifted")).isFalse();
        assertThat(r.getInt("domainClassifier[1].result.folds")).isEqualTo(5);

        // x4 moved by 0.4 sd on top: the classifier finds it (statsmodels' Logit and scipy, see DomainClassifierDriftTest).
        JsonPath shifted = given().header("Authorization", VIEWER).contentType(ContentType.JSON).body("""
                {"features": ["x1", "x2", "x3", "x4"], "referenceChunkSize": 100, "reference": %s,
                 "chunks": [{"label": "shifted", "rows": %s}], "classifierRidge": 0, "classifierThreshold": 0.55}"""
                .formatted(rows("reconstruction-reference.csv"), rows("reconstruction-shifted.csv")))
                .post("/api/v1/drift/multivariate").then().statusCode(200).extract().jsonPath();
        assertThat(shifted.getDouble("domainClassifier[0].result.auroc")).isCloseTo(0.5740583333333333, within(1e-9));
        assertThat(shifted.getBoolean("domainClassifier[0].result.drifted")).isTrue();
        assertThat(shifted.getDouble("domainClassifier[0].result.features[3].auroc")).isCloseTo(0.5848625, within(1e-9));
    }

    @Test
    void badInputIsA400NamingTheFieldAndTheRolesAreChecked() {
        String ok = body();
        given().header("Authorization", VIEWER).contentType(ContentType.JSON)
                .body(ok.replaceFirst("\\[\"x1\", \"x2\", \"x3\", \"x4\"\\]", "[\"x1\"]"))
                .post("/api/v1/drift/multivariate").then().statusCode(400).body("errors[0].field", equalTo("features"));
        given().header("Authorization", VIEWER).contentType(ContentType.JSON)
                .body("{\"features\": [\"a\", \"b\"], \"reference\": [[1, 2], [3, null], [5, 6], [7, 9], [1, 1]],"
                        + " \"chunks\": [{\"rows\": [[1, 2]]}]}")
                .post("/api/v1/drift/multivariate").then().statusCode(400).body("errors[0].field", equalTo("reference[1][1]"));
        given().header("Authorization", VIEWER).contentType(ContentType.JSON)
                .body("{\"features\": [\"a\", \"b\"], \"reference\": [[1, 2], [3, 4], [5, 6], [7, 9], [1, 1]],"
                        + " \"referenceChunkSize\": 2, \"chunks\": [{\"rows\": [[1, 2, 3]]}]}")
                .post("/api/v1/drift/multivariate").then().statusCode(400)
                .body("errors[0].field", equalTo("chunks[0].rows[0]"));
        given().header("Authorization", VIEWER).contentType(ContentType.JSON).body("{\"features\": \"x\"}")
                .post("/api/v1/drift/multivariate").then().statusCode(400);
        given().header("Authorization", TestTokens.bearer("shop", "ingest")).contentType(ContentType.JSON).body(ok)
                .post("/api/v1/drift/multivariate").then().statusCode(403);
        given().contentType(ContentType.JSON).body(ok).post("/api/v1/drift/multivariate").then().statusCode(401);
    }
}
