package io.refinery.experiments.experiment.api;

import static io.refinery.experiments.experiment.api.ExperimentFixtures.ADMIN;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.INGEST;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.VIEWER;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.action;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.binomial;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.create;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.createAndStart;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.registerSystem;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.results;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.exposure;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.outcome;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.experiments.assignment.allocation.Allocation;
import io.refinery.testing.RefineryTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * A multi-armed bandit on a real database: the declared weights until the burn-in, then Thompson sampling's
 * P(best) with a floor, every version kept, assignments drawn by (and naming) the latest version, and a sample ratio
 * check that expects the weights actually served.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class BanditFlowTest {

    private static final List<String> ARMS = List.of("control", "a", "b");

    @BeforeAll
    static void config() {
        ExperimentFixtures.readNumbersAsDoubles();
    }

    static String bandit(String key, String system, String settings) {
        return """
                {"key": "%s", "systemKey": "%s", "kind": "CONTENT", "hypothesis": "One of three banners sells best",
                 "unitType": "SESSION",
                 "variants": [{"key": "control", "weight": 0.34, "control": true}, {"key": "a", "weight": 0.33, "control": false},
                              {"key": "b", "weight": 0.33, "control": false}],
                 "primaryMetric": {"name": "conversion", "type": "BINOMIAL", "direction": "INCREASE",
                                   "minimumDetectableEffect": 0.2, "baselineRate": 0.1},
                 "bandit": %s,
                 "maxDuration": "P28D"}""".formatted(key, system, settings);
    }

    private static JsonPath banditOf(String key) {
        return given().header("Authorization", VIEWER).get("/api/v1/experiments/" + key + "/bandit").then()
                .statusCode(200).extract().jsonPath();
    }

    private static ValidatableResponse reweigh(String key) {
        return given().header("Authorization", ADMIN).post("/api/v1/experiments/" + key + "/bandit/reweigh").then();
    }

    private static List<Double> weights(JsonPath bandit, String at) {
        return ARMS.stream().map(arm -> bandit.getDouble(at + ".weights." + arm)).toList();
    }

    @Test
    void weightsStayDeclaredThroughTheBurnInThenFollowThompsonSamplingWithAFloor() {
        registerSystem("bandit-sys");
        createAndStart(bandit("bandit-banners", "bandit-sys",
                "{\"burnInUnits\": 100, \"minimumShare\": 0.1, \"updateEvery\": \"PT1H\"}"), "bandit-banners");
        JsonPath start = banditOf("bandit-banners");
        assertThat(start.getDouble("current.version")).isEqualTo(0.0);
        assertThat(start.getString("current.reason")).isEqualTo("START");
        assertThat(weights(start, "current")).containsExactly(0.34, 0.33, 0.33);
        assertThat(start.getDouble("settings.minimumShare")).isEqualTo(0.1);
        given().header("Authorization", INGEST).queryParam("unitId", "s-1")
                .get("/api/v1/experiments/bandit-banners/assignment").then().statusCode(200)
                .body("weightsVersion", equalTo(0));

        // No units yet: the burn-in keeps the declared weights.
        reweigh("bandit-banners").statusCode(200).body("current.version", equalTo(1))
                .body("current.reason", equalTo("BURN_IN"));

        // 300 sessions per arm; b converts twice as often as control.
        String p = UUID.randomUUID().toString();
        long[] conversions = { 30, 36, 60 };
        List<String> exposures = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (int v = 0; v < 3; v++) {
            for (int i = 0; i < 300; i++) {
                String unit = ARMS.get(v) + "-" + i;
                exposures.add(exposure(p + "-e-" + unit, "bandit-banners", unit, ARMS.get(v)));
                if (i < conversions[v]) {
                    outcomes.add(outcome(p + "-o-" + unit, "bandit-banners", unit, "conversion", 1));
                }
            }
        }
        post("/api/v1/exposures", "[" + String.join(",", exposures) + "]").statusCode(202).body("accepted", equalTo(900));
        post("/api/v1/outcomes", "[" + String.join(",", outcomes) + "]").statusCode(202).body("accepted", equalTo(126));

        JsonPath thompson = reweigh("bandit-banners").statusCode(200).extract().jsonPath();
        assertThat(thompson.getDouble("current.version")).isEqualTo(2.0);
        assertThat(thompson.getString("current.reason")).isEqualTo("THOMPSON");
        // scipy 1.10.1: quad of beta(1+x, 1+n-x).pdf · Π other cdfs, see ThompsonSamplingTest.
        double[] best = { 0.00026762127650582985, 0.003769723626148595, 0.9959626550973457 };
        for (int v = 0; v < 3; v++) {
            assertThat(thompson.getDouble("current.probabilityBest." + ARMS.get(v))).isCloseTo(best[v], within(1e-7));
            assertThat(thompson.getDouble("current.weights." + ARMS.get(v))).isCloseTo(0.1 + 0.7 * best[v], within(1e-7));
            assertThat(thompson.getDouble("current.units." + ARMS.get(v))).isEqualTo(300.0);
        }
        assertThat(thompson.getList("history.reason", String.class)).containsExactly("START", "BURN_IN", "THOMPSON");

        // Assignment draws by the latest weights and names their version.
        List<Double> w = weights(thompson, "current");
        Allocation served = new Allocation("bandit-banners", 1.0, ARMS, w);
        int toB = 0;
        List<String> more = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String unit = "new-" + i;
            String variant = given().header("Authorization", INGEST).queryParam("unitId", unit)
                    .get("/api/v1/experiments/bandit-banners/assignment").then().statusCode(200)
                    .body("weightsVersion", equalTo(2)).extract().path("variant");
            assertThat(variant).isEqualTo(served.assign(unit));
            toB += "b".equals(variant) ? 1 : 0;
            more.add(exposure(p + "-n-" + unit, "bandit-banners", unit, variant));
        }
        assertThat(toB).as("about 80 % of 200").isBetween(140, 180);

        // The sample ratio check expects the weights served: 900 sessions under the declared weights, 200 under v2.
        post("/api/v1/exposures", "[" + String.join(",", more) + "]").statusCode(202).body("accepted", equalTo(200));
        JsonPath r = results("bandit-banners");
        double[] declared = { 0.34, 0.33, 0.33 };
        for (int v = 0; v < 3; v++) {
            assertThat(r.getDouble("srm.expectedWeights[" + v + "]"))
                    .isCloseTo((900 * declared[v] + 200 * w.get(v)) / 1100, within(1e-12));
        }
        assertThat(r.getBoolean("srm.mismatch")).isFalse();
    }

    @Test
    void theClockReweighsABanditOnceItsIntervalHasPassed() throws Exception {
        registerSystem("bandit-clock");
        createAndStart(bandit("bandit-clocked", "bandit-clock", "{\"updateEvery\": \"PT1H\"}"), "bandit-clocked");
        try (Connection c = RefineryTestResource.database().connect(); PreparedStatement s = c.prepareStatement(
                "update experiments.bandit_weights set computed_at = computed_at - interval '2 hours'"
                        + " where experiment_id = (select id from experiments.experiments where key = ?)")) {
            s.setString(1, "bandit-clocked");
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(banditOf("bandit-clocked")
                .getList("history.reason", String.class)).containsExactly("START", "BURN_IN"));
        // Not due again for an hour.
        Thread.sleep(1500);
        assertThat(banditOf("bandit-clocked").getList("history")).hasSize(2);
    }

    @Test
    void badBanditsAreRefusedNamingTheField() {
        registerSystem("bandit-bad");
        create(bandit("bandit-bad-1", "bandit-bad", "{\"minimumShare\": 0.5, \"burnInUnits\": 0, \"updateEvery\": \"soon\"}"))
                .statusCode(422).body("errors.field", containsInAnyOrder("bandit.minimumShare", "bandit.burnInUnits",
                        "bandit.updateEvery"));
        create(bandit("bandit-bad-2", "bandit-bad", "{\"updateEvery\": \"PT10S\"}")).statusCode(422)
                .body("errors[0].field", equalTo("bandit.updateEvery"));
        create(bandit("bandit-bad-3", "bandit-bad", "{}").replace("\"type\": \"BINOMIAL\"", "\"type\": \"QUANTILE\", \"quantile\": 0.9"))
                .statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItem("primaryMetric.type"));
        create(bandit("bandit-bad-4", "bandit-bad", "{}").replace("CONTENT", "AA_TEST")).statusCode(422)
                .body("errors[0].field", equalTo("bandit"));
        create(bandit("bandit-bad-5", "bandit-bad", "{\"minimumShare\": \"a lot\"}")).statusCode(400);

        create(bandit("bandit-draft", "bandit-bad", "{}")).statusCode(201).body("bandit.burnInUnits", equalTo(100))
                .body("bandit.minimumShare", equalTo(0.05)).body("bandit.updateEvery", equalTo("PT1H"));
        reweigh("bandit-draft").statusCode(409).body("errors[0].field", equalTo("state"));
        createAndStart(binomial("bandit-fixed", "bandit-bad", ""), "bandit-fixed");
        given().header("Authorization", VIEWER).get("/api/v1/experiments/bandit-fixed/bandit").then().statusCode(409);
        given().header("Authorization", VIEWER).get("/api/v1/experiments/no-such/bandit").then().statusCode(404);
        given().header("Authorization", VIEWER).post("/api/v1/experiments/bandit-draft/bandit/reweigh").then()
                .statusCode(403);
        given().header("Authorization", INGEST).queryParam("unitId", "x")
                .get("/api/v1/experiments/bandit-fixed/assignment").then().statusCode(200)
                .body("weightsVersion", org.hamcrest.Matchers.nullValue());
        action("bandit-fixed", "stop", "{}").statusCode(200);
    }
}
