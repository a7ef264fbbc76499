package io.refinery.experiments.holdout.api;

import static io.refinery.experiments.experiment.api.ExperimentFixtures.ADMIN;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.INGEST;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.VIEWER;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.action;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.binomial;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.create;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.createAndStart;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.registerSystem;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.exposure;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.outcome;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.experiments.assignment.allocation.Allocation;
import io.refinery.experiments.assignment.allocation.Holdout;
import io.refinery.experiments.experiment.api.ExperimentFixtures;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * A holdout on a real broker and database: it keeps its share of units out of the experiments started after it
 * began (not those already running), its exposed units against the held-out ones give the cumulative impact of what
 * shipped, and releasing it publishes the final reading.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class HoldoutFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void config() {
        ExperimentFixtures.readNumbersAsDoubles();
    }

    static String holdout(String key, String system, double share, String maxDuration) {
        return """
                {"key": "%s", "systemKey": "%s", "share": %s, "maxDuration": "%s",
                 "primaryMetric": {"name": "conversion", "type": "BINOMIAL", "direction": "INCREASE",
                                   "minimumDetectableEffect": 0.5, "baselineRate": 0.1}}""".formatted(key, system, share,
                maxDuration);
    }

    static ValidatableResponse createHoldout(String body) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/holdouts")
                .then();
    }

    private static JsonPath assignAll(String system, String unit) {
        return given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body("{\"unitId\": \"%s\", \"systemKey\": \"%s\"}".formatted(unit, system)).post("/api/v1/assignments")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath read(String key) {
        return given().header("Authorization", VIEWER).get("/api/v1/holdouts/" + key).then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void aHoldoutKeepsItsUnitsOutOfLaterExperimentsAndMeasuresWhatShippedAgainstThem() throws Exception {
        registerSystem("hold-sys");
        createAndStart(binomial("hold-before", "hold-sys", ""), "hold-before");
        createHoldout(holdout("hold-q4", "hold-sys", 0.2, "P91D")).statusCode(201)
                .body("state", equalTo("RUNNING")).body("share", equalTo(0.2))
                .body("primaryMetric.name", equalTo("conversion")).body("impact", nullValue());
        createHoldout(holdout("hold-q4-bis", "hold-sys", 0.1, "P91D")).statusCode(409)
                .body("errors[0].field", equalTo("systemKey"));
        createAndStart(binomial("hold-after", "hold-sys", ""), "hold-after");

        Allocation holdout = new Allocation("hold-q4", 1.0, List.of(Holdout.HELD_OUT, Holdout.EXPOSED), List.of(0.2, 0.8));
        Allocation after = new Allocation("hold-after", 1.0, List.of("control", "treatment"), List.of(0.5, 0.5));
        int held = 0;
        String aHeldUnit = null;
        for (int i = 0; i < 200; i++) {
            String unit = "hu-" + i;
            boolean kept = Holdout.HELD_OUT.equals(holdout.assign(unit));
            JsonPath a = assignAll("hold-sys", unit);
            assertThat(a.getList("assignments.experimentKey", String.class))
                    .containsExactly("hold-after", "hold-before", "hold-q4");
            // Started before the holdout: every unit stays in.
            assertThat(a.getBoolean("assignments[1].inExperiment")).isTrue();
            assertThat(a.getString("assignments[2].variant")).isEqualTo(holdout.assign(unit));
            if (kept) {
                held++;
                aHeldUnit = unit;
                assertThat(a.getBoolean("assignments[0].inExperiment")).isFalse();
                assertThat(a.getString("assignments[0].reason")).isEqualTo("HOLDOUT");
                assertThat(a.getString("heldOutBy")).isEqualTo("hold-q4");
            } else {
                assertThat(a.getString("assignments[0].variant")).isEqualTo(after.assign(unit));
                assertThat(a.getString("heldOutBy")).isNull();
            }
        }
        // 200 units at 20 %: 40 expected, standard deviation 5.7.
        assertThat(held).isBetween(20, 60);
        given().header("Authorization", INGEST).queryParam("unitId", aHeldUnit)
                .get("/api/v1/experiments/hold-after/assignment").then().statusCode(200)
                .body("inExperiment", equalTo(false)).body("reason", equalTo("HOLDOUT"));
        // An exposure without a variant is assigned by the server, which keeps the holdout's units out too.
        String p = UUID.randomUUID().toString();
        post("/api/v1/exposures", "[" + exposure(p + "-x1", "hold-after", aHeldUnit, null) + ","
                + exposure(p + "-x2", "hold-before", aHeldUnit, null) + "]").statusCode(202)
                .body("accepted", equalTo(1)).body("rejected[0].index", equalTo(0))
                .body("rejected[0].errors[0].field", equalTo("unitId"));

        // 400 held-out units with 40 conversions, 1,600 exposed with 240: +50 %.
        List<String> exposures = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        int heldOut = 0;
        int exposed = 0;
        for (int i = 0; heldOut < 400 || exposed < 1600; i++) {
            String unit = "hq-" + i;
            boolean kept = Holdout.HELD_OUT.equals(holdout.assign(unit));
            if (kept ? heldOut == 400 : exposed == 1600) {
                continue;
            }
            int index = kept ? heldOut++ : exposed++;
            exposures.add(exposure(p + "-e-" + unit, "hold-q4", unit, holdout.assign(unit)));
            if (index < (kept ? 40 : 240)) {
                outcomes.add(outcome(p + "-o-" + unit, "hold-q4", unit, "conversion", 1));
            }
        }
        post("/api/v1/exposures", "[" + String.join(",", exposures) + "]").statusCode(202).body("accepted", equalTo(2000));
        post("/api/v1/outcomes", "[" + String.join(",", outcomes) + "]").statusCode(202).body("accepted", equalTo(280));

        // What shipped since the holdout began: an experiment already running then, concluded with SHIP.
        action("hold-before", "conclude", "{\"decision\": \"SHIP:treatment\", \"rationale\": \"+9 %\"}").statusCode(200);

        JsonPath r = read("hold-q4");
        assertThat(r.getDouble("impact.heldOutUnits")).isEqualTo(400.0);
        assertThat(r.getDouble("impact.exposedUnits")).isEqualTo(1600.0);
        assertThat(r.getDouble("impact.heldOutMean")).isEqualTo(0.1);
        assertThat(r.getDouble("impact.exposedMean")).isEqualTo(0.15);
        assertThat(r.getDouble("impact.relativeLift")).isCloseTo(0.5, within(1e-12));
        // scipy 1.10.1: chi2_contingency([[40, 360], [240, 1360]], correction=False)[1] (the pooled z-test's p).
        assertThat(r.getDouble("impact.pValue")).isCloseTo(0.009946136752047792, within(1e-12));
        assertThat(r.getDouble("requiredHeldOutUnits")).isGreaterThan(400.0);
        assertThat(r.getString("impact.advice")).isEqualTo("KEEP_RUNNING");
        assertThat(r.getList("shipped.key", String.class)).containsExactly("hold-before");
        assertThat(r.getString("shipped[0].kind")).isEqualTo("EXPERIMENT");
        assertThat(r.getString("shipped[0].variant")).isEqualTo("treatment");

        given().header("Authorization", VIEWER).queryParam("systemKey", "hold-sys").get("/api/v1/holdouts").then()
                .statusCode(200).body("items.key", containsInAnyOrder("hold-q4")).body("items[0].impact", nullValue());

        // Released: concluded RELEASE; on final data the impact is read: the exposed units convert better.
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"rationale\": \"quarter over\"}").post("/api/v1/holdouts/hold-q4/release").then()
                .statusCode(200).body("state", equalTo("CONCLUDED")).body("releasedBy", equalTo("alice"))
                .body("impact.advice", equalTo("IMPACT_POSITIVE"));
        given().header("Authorization", VIEWER).get("/api/v1/experiments/hold-q4").then().statusCode(200)
                .body("decision", equalTo("RELEASE")).body("kind", equalTo("HOLDOUT"));
        String bootstrap = RefineryTestResource.bootstrapServers();
        List<ConsumerRecord<String, String>> readings = TestTopics.awaitRecord(bootstrap,
                "refinery.experiments.lifecycle", rec -> rec.value().contains("holdout.measured.v1")
                        && rec.value().contains("\"hold-q4\"") && rec.value().contains("\"finalReading\":true"),
                Duration.ofSeconds(20));
        JsonNode last = JSON.readTree(readings.get(readings.size() - 1).value());
        assertThat(last.get("subject").asText()).isEqualTo("hold-sys");
        JsonNode data = last.get("data");
        assertThat(data.get("heldOutUnits").asLong()).isEqualTo(400);
        assertThat(data.get("exposedUnits").asLong()).isEqualTo(1600);
        assertThat(data.get("share").asDouble()).isEqualTo(0.2);
        assertThat(data.get("relativeLift").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(data.get("pValue").asDouble()).isCloseTo(0.009946136752047792, within(1e-12));
        assertThat(data.get("advice").asText()).isEqualTo("IMPACT_POSITIVE");
        assertThat(data.get("shipped").get(0).asText()).isEqualTo("hold-before:treatment");
        // The clocked check read it once on its first day, before the data came.
        await().atMost(Duration.ofSeconds(20)).until(() -> TestTopics.readAll(bootstrap, "refinery.experiments.lifecycle",
                rec -> rec.value().contains("holdout.measured.v1") && rec.value().contains("\"hold-q4\"")
                        && rec.value().contains("\"finalReading\":false"), Duration.ofSeconds(1)).size() == 1);

        // Released units take part again; releasing twice is a conflict; a new holdout may start.
        JsonPath again = assignAll("hold-sys", aHeldUnit);
        assertThat(again.getString("heldOutBy")).isNull();
        assertThat(again.getString("assignments[0].variant")).isEqualTo(after.assign(aHeldUnit));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/holdouts/hold-q4/release").then().statusCode(409);
        createHoldout(holdout("hold-q1", "hold-sys", 0.05, "PT2H")).statusCode(201);
        // At its max duration the clocked checks release it.
        given().header("Authorization", ADMIN).queryParam("at", Instant.now().plus(3, ChronoUnit.HOURS).toString())
                .post("/api/v1/experiments/hold-q1/evaluate").then().statusCode(200)
                .body("action", equalTo("CONCLUDED")).body("experiment.decision", equalTo("RELEASE"))
                .body("experiment.stopTrigger", equalTo("MAX_DURATION"));
    }

    @Test
    void aSystemWhoseOnlyRunningChangeIsAHoldoutIsStillACoverageGap() {
        registerSystem("hold-cov");
        createHoldout(holdout("hold-cov-q4", "hold-cov", 0.05, "P91D")).statusCode(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .queryParam("limit", "500").get("/api/v1/coverage").then().statusCode(200)
                .body("items.find { it.systemKey == 'hold-cov' }.gapSince", org.hamcrest.Matchers.notNullValue()));
    }

    @Test
    void badHoldoutsAndDecisionsAreRefusedNamingTheField() {
        registerSystem("hold-bad");
        createHoldout("""
                {"key": "hold-bad-1", "systemKey": "hold-bad", "share": 0.7, "maxDuration": "P91D"}""")
                .statusCode(422).body("errors.field", containsInAnyOrder("share", "primaryMetric"));
        createHoldout(holdout("hold-bad-2", "no-such-system", 0.05, "P91D")).statusCode(422)
                .body("errors[0].field", equalTo("systemKey"));
        createHoldout(holdout("hold-bad-3", "hold-bad", 0.05, "P91D").replace("\"share\": 0.05", "\"share\": \"half\""))
                .statusCode(400);
        given().header("Authorization", ExperimentFixtures.REVIEWER).contentType(ContentType.JSON)
                .body(holdout("hold-bad-4", "hold-bad", 0.05, "P91D")).post("/api/v1/holdouts").then().statusCode(403);
        given().header("Authorization", VIEWER).get("/api/v1/holdouts/no-such-holdout").then().statusCode(404);
        // Holdouts come from their own endpoint; only a holdout is released, and it never ships.
        create(binomial("hold-bad-kind", "hold-bad", "").replace("MODEL_VARIANT", "HOLDOUT")).statusCode(422)
                .body("errors[0].field", equalTo("kind"));
        createAndStart(binomial("hold-bad-exp", "hold-bad", ""), "hold-bad-exp");
        action("hold-bad-exp", "conclude", "{\"decision\": \"RELEASE\"}").statusCode(422)
                .body("errors[0].field", equalTo("decision"));
        createHoldout(holdout("hold-bad-h", "hold-bad", 0.05, "P91D")).statusCode(201);
        action("hold-bad-h", "conclude", "{\"decision\": \"SHIP:exposed\"}").statusCode(422)
                .body("errors[0].field", equalTo("decision"));
        given().header("Authorization", VIEWER).get("/api/v1/holdouts/hold-bad-exp").then().statusCode(404);
    }
}
