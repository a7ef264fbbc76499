package io.refinery.metrics.drift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.events.SystemEvents;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;

/**
 * Drift end to end on the real broker and database: samples through refinery.metrics.samples, a monitor evaluated,
 * DATA and CONCEPT detections published on refinery.metrics.drift with DRIFT_REMEDIATION requests.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class DriftFlowTest {

    private static final String ADMIN = TestTokens.bearer("alice", "admin");
    private static final String VIEWER = TestTokens.bearer("victor", "viewer");
    private static final String INGEST = TestTokens.bearer("shop", "ingest");
    private static final String SAMPLES = "refinery.metrics.samples";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);

    @BeforeAll
    static void config() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    private static Map<String, Object> shop(Random random, double priceMean, double[] deviceShares) {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("price", Math.round((priceMean + 10 * random.nextGaussian()) * 100) / 100.0);
        double u = random.nextDouble();
        features.put("device", u < deviceShares[0] ? "mobile" : u < deviceShares[0] + deviceShares[1] ? "desktop" : "tablet");
        features.put("basket", Math.round((3 + random.nextGaussian()) * 100) / 100.0);
        return features;
    }

    @Test
    void aShiftedFeatureStreamFiresDataDriftWithARemediationRequest() throws Exception {
        String bootstrap = RefineryTestResource.bootstrapServers();
        SystemEvents.registerAndAwait(bootstrap, "drift-shop");
        String monitorId = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                {"systemKey": "drift-shop", "name": "shop inputs",
                 "features": [{"name": "price", "type": "NUMERICAL"}, {"name": "device", "type": "CATEGORICAL"},
                              {"name": "basket", "type": "NUMERICAL", "modelInput": true}],
                 "reference": {"trailing": "P7D", "lag": "P0D"}, "current": "P1D", "method": "AUTO",
                 "datasetDriftShare": 0.5}""")
                .post("/api/v1/drift/monitors").then().statusCode(201)
                .body("reference.trailing", equalTo("P7D")).body("current", equalTo("P1D"))
                .body("features[1].modelInput", is(true))
                .extract().path("id");

        // Reference: 7 days of 200 samples. Current (yesterday): price up one sd and a half, tablets appear.
        List<String> items = new ArrayList<>();
        for (int daysAgo = 8; daysAgo >= 2; daysAgo--) {
            items.addAll(SampleStreams.items("drift-shop", "ref-" + daysAgo, 200,
                    TODAY.minus(daysAgo, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS), daysAgo,
                    r -> shop(r, 50, new double[] {0.6, 0.4})));
        }
        items.addAll(SampleStreams.items("drift-shop", "cur", 300, TODAY.minus(1, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS),
                99, r -> shop(r, 65, new double[] {0.3, 0.4})));
        TestTopics.sendAll(bootstrap, SAMPLES, "drift-shop", items);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RefineryTestResource.database()
                .queryLong("select count(*) from metrics.drift_samples where system_key = 'drift-shop'")).isEqualTo(1700));

        String runId = given().header("Authorization", ADMIN).queryParam("at", Instant.now().toString())
                .post("/api/v1/drift/monitors/" + monitorId + "/evaluate").then().statusCode(200)
                .body("trigger", equalTo("ON_DEMAND"))
                .body("current.from", equalTo(TODAY.minus(1, ChronoUnit.DAYS).toString()))
                .body("reference.from", equalTo(TODAY.minus(8, ChronoUnit.DAYS).toString()))
                .body("featuresEvaluated", equalTo(3))
                .body("featuresDrifted", equalTo(2))
                .body("datasetDrift", is(true))
                .body("features[0].feature", equalTo("price"))
                .body("features[0].method", equalTo("WASSERSTEIN"))
                .body("features[0].drifted", is(true))
                .body("features[0].referenceSize", equalTo(1400))
                .body("features[0].meanShift", greaterThan(1.0))
                .body("features[1].method", equalTo("JENSEN_SHANNON"))
                .body("features[1].drifted", is(true))
                .body("features[2].drifted", is(false))
                .body("recommendation.action", equalTo("RETRAIN"))
                .body("detectionId", notNullValue())
                .extract().path("id");

        List<ConsumerRecord<String, String>> drift = TestTopics.awaitRecord(bootstrap, "refinery.metrics.drift",
                r -> "drift-shop".equals(r.key()) && r.value().contains(runId), Duration.ofSeconds(20));
        JsonNode event = JSON.readTree(drift.get(drift.size() - 1).value());
        assertThat(event.get("type").asText()).isEqualTo("io.refinery.metrics.drift.detected.v1");
        assertThat(event.get("subject").asText()).isEqualTo("drift-shop");
        JsonNode data = event.get("data");
        assertThat(data.get("kind").asText()).isEqualTo("DATA");
        assertThat(data.get("monitorId").asText()).isEqualTo(monitorId);
        assertThat(data.get("monitorName").asText()).isEqualTo("shop inputs");
        assertThat(data.at("/features/0/statistic").asDouble()).isGreaterThan(0.1);
        assertThat(data.at("/features/0/drifted").asBoolean()).isTrue();
        assertThat(data.at("/features/0").has("pValue")).isTrue();
        assertThat(data.at("/recommendation/action").asText()).isEqualTo("RETRAIN");
        assertThat(data.at("/recommendation/reasons/0").asText()).startsWith("broad data drift");

        JsonNode request = JSON.readTree(last(TestTopics.awaitRecord(bootstrap, "refinery.oversight.requests",
                r -> r.value().contains("DRIFT_REMEDIATION") && r.value().contains(runId), Duration.ofSeconds(20))).value());
        assertThat(request.at("/data/actionType").asText()).isEqualTo("DRIFT_REMEDIATION");
        assertThat(request.at("/data/systemKey").asText()).isEqualTo("drift-shop");
        assertThat(request.at("/data/id").asText()).isEqualTo(data.get("oversightRequestId").asText());
        assertThat(request.at("/data/source/service").asText()).isEqualTo("metrics-service");
        assertThat(request.at("/data/source/eventId").asText()).isEqualTo(event.get("id").asText());
        assertThat(request.at("/data/payload/action").asText()).isEqualTo("RETRAIN");
        assertThat(request.at("/data/magnitude").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));

        given().header("Authorization", VIEWER).get("/api/v1/drift/monitors/" + monitorId + "/runs").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(runId))
                .body("items[0].features[0].statistic", greaterThan(0.1));
        given().header("Authorization", VIEWER).queryParam("systemKey", "drift-shop").get("/api/v1/drift/runs").then()
                .statusCode(200).body("items[0].id", equalTo(runId));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("refinery_drift_score{feature=\"price\",system=\"drift-shop\"}"))
                .body(containsString("refinery_drift_detected{kind=\"DATA\",system=\"drift-shop\"} 1.0")));

        // Undecided until the reviewer's decision arrives from oversight-service.
        String detectionId = data.get("detectionId").asText();
        given().header("Authorization", VIEWER).queryParam("systemKey", "drift-shop").get("/api/v1/drift/detections").then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(detectionId))
                .body("items[0].kind", equalTo("DATA"))
                .body("items[0].runId", equalTo(runId))
                .body("items[0].recommendedAction", equalTo("RETRAIN"))
                .body("items[0].reasons[0]", containsString("broad data drift"))
                .body("items[0].decision", org.hamcrest.Matchers.nullValue());
        // The reviewer prefers adjusting parameters first; the decision is delivered twice and counts once.
        String decision = """
                {"specversion": "1.0", "id": "%s", "source": "/oversight-service", "type": "io.refinery.oversight.decision.made.v1",
                 "subject": "drift-shop", "time": "%s",
                 "data": {"requestId": "%s", "systemKey": "drift-shop", "actionType": "DRIFT_REMEDIATION", "outcome": "MODIFY",
                          "decidedBy": "rita", "rationale": "Price shift follows a promotion; recalibrate first",
                          "modifications": "{\\"action\\": \\"ADJUST_PARAMETERS\\"}", "decidedAt": "%s"}}
                """.formatted(java.util.UUID.randomUUID(), Instant.now(), data.get("oversightRequestId").asText(),
                Instant.now());
        TestTopics.sendCloudEvent(bootstrap, "refinery.oversight.decisions", "drift-shop", decision);
        TestTopics.sendCloudEvent(bootstrap, "refinery.oversight.decisions", "drift-shop", decision.replace("MODIFY", "REJECT"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .queryParam("systemKey", "drift-shop").queryParam("kind", "DATA").get("/api/v1/drift/detections").then()
                .statusCode(200)
                .body("items[0].decision.outcome", equalTo("MODIFY"))
                .body("items[0].decision.chosenAction", equalTo("ADJUST_PARAMETERS"))
                .body("items[0].decision.decidedBy", equalTo("rita"))
                .body("items[0].decision.rationale", containsString("recalibrate")));
        given().header("Authorization", VIEWER).queryParam("kind", "SIDEWAYS").get("/api/v1/drift/detections").then()
                .statusCode(400).body("errors[0].field", equalTo("kind"));
        given().get("/api/v1/drift/detections").then().statusCode(401);
    }

    /** x3 follows x1 in the reference; in the current day it is drawn on its own, with the same margins. */
    private static Map<String, Object> correlated(Random random, boolean broken) {
        double x1 = random.nextGaussian();
        double x2 = random.nextGaussian();
        double x3 = broken ? random.nextGaussian() : 0.9 * x1 + Math.sqrt(1 - 0.81) * random.nextGaussian();
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("x1", Math.round(x1 * 1e6) / 1e6);
        features.put("x2", Math.round(x2 * 1e6) / 1e6);
        features.put("x3", Math.round(x3 * 1e6) / 1e6);
        return features;
    }

    @Test
    void aMonitorsMultivariateCheckFindsABrokenCorrelationThatNoFeatureShows() throws Exception {
        String bootstrap = RefineryTestResource.bootstrapServers();
        SystemEvents.registerAndAwait(bootstrap, "drift-joint");
        String monitor = """
                {"systemKey": "drift-joint", "name": "joint inputs",
                 "features": [{"name": "x1", "type": "NUMERICAL"}, {"name": "x2", "type": "%s"},
                              {"name": "x3", "type": "%s"}],
                 "reference": {"trailing": "P7D"}, "current": "P1D", "method": "KS", "multivariate": true}""";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(monitor.formatted("CATEGORICAL", "CATEGORICAL"))
                .post("/api/v1/drift/monitors").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("multivariate"));
        String monitorId = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(monitor.formatted("NUMERICAL", "NUMERICAL"))
                .post("/api/v1/drift/monitors").then().statusCode(201).body("multivariate", is(true)).extract().path("id");

        List<String> items = new ArrayList<>();
        for (int daysAgo = 8; daysAgo >= 2; daysAgo--) {
            items.addAll(SampleStreams.items("drift-joint", "ref-" + daysAgo, 300,
                    TODAY.minus(daysAgo, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS), 40 + daysAgo,
                    r -> correlated(r, false)));
        }
        items.addAll(SampleStreams.items("drift-joint", "cur", 300, TODAY.minus(1, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS),
                77, r -> correlated(r, true)));
        TestTopics.sendAll(bootstrap, SAMPLES, "drift-joint", items);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RefineryTestResource.database()
                .queryLong("select count(*) from metrics.drift_samples where system_key = 'drift-joint'")).isEqualTo(2400));

        String runId = given().header("Authorization", ADMIN).queryParam("at", Instant.now().toString())
                .post("/api/v1/drift/monitors/" + monitorId + "/evaluate").then().statusCode(200)
                .body("featuresEvaluated", equalTo(3))
                .body("featuresDrifted", equalTo(0))
                .body("datasetDrift", is(true))
                .body("multivariate.referenceRows", equalTo(2100))
                .body("multivariate.currentRows", equalTo(300))
                .body("multivariate.reconstructionDrifted", is(true))
                .body("multivariate.drifted", is(true))
                .body("multivariate.moves[2].feature", equalTo("x3"))
                .body("multivariate.moves[2].errorRatio", greaterThan(2.0))
                .body("multivariate.moves[2].errorIncrease", greaterThan(0.1))
                .body("recommendation.reasons[0]", containsString("multivariate drift across x1, x2, x3"))
                .body("detectionId", notNullValue())
                .extract().path("id");
        List<ConsumerRecord<String, String>> drift = TestTopics.awaitRecord(bootstrap, "refinery.metrics.drift",
                r -> "drift-joint".equals(r.key()) && r.value().contains(runId), Duration.ofSeconds(20));
        JsonNode data = JSON.readTree(drift.get(drift.size() - 1).value()).get("data");
        assertThat(data.at("/recommendation/reasons/0").asText()).contains("reconstruction error")
                .contains("moved around x1, x3"); // x1 and x3 were bound together
        System.out.printf("multivariate monitor: reconstruction error %s, band [%s, %s], AUROC %s%n",
                given().header("Authorization", VIEWER).get("/api/v1/drift/monitors/" + monitorId + "/runs").then()
                        .extract().path("items[0].multivariate.reconstructionError"),
                given().header("Authorization", VIEWER).get("/api/v1/drift/monitors/" + monitorId + "/runs").then()
                        .extract().path("items[0].multivariate.lower"),
                given().header("Authorization", VIEWER).get("/api/v1/drift/monitors/" + monitorId + "/runs").then()
                        .extract().path("items[0].multivariate.upper"),
                given().header("Authorization", VIEWER).get("/api/v1/drift/monitors/" + monitorId + "/runs").then()
                        .extract().path("items[0].multivariate.auroc"));
    }

    @Test
    void anErrorRateJumpFiresConceptDrift() throws Exception {
        String bootstrap = RefineryTestResource.bootstrapServers();
        SystemEvents.registerAndAwait(bootstrap, "drift-concept");
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        List<String> items = new ArrayList<>(SampleStreams.predictions("drift-concept", "calm", 600, at, 1, 0.1));
        items.addAll(SampleStreams.predictions("drift-concept", "jump", 600, at, 2, 0.5));
        TestTopics.sendAll(bootstrap, SAMPLES, "drift-concept", items);

        List<ConsumerRecord<String, String>> drift = TestTopics.awaitRecord(bootstrap, "refinery.metrics.drift",
                r -> "drift-concept".equals(r.key()) && r.value().contains("\"CONCEPT\""), Duration.ofSeconds(30));
        JsonNode data = JSON.readTree(drift.get(drift.size() - 1).value()).get("data");
        assertThat(data.at("/concept/detector").asText()).isEqualTo("ADWIN");
        assertThat(data.at("/concept/updates").asLong()).isGreaterThan(600);
        assertThat(data.at("/concept/errorAfter").asDouble()).isGreaterThan(data.at("/concept/errorBefore").asDouble());
        assertThat(data.at("/recommendation/action").asText()).isEqualTo("RETRAIN");
        assertThat(data.get("monitorId").isNull()).isTrue();
        TestTopics.awaitRecord(bootstrap, "refinery.oversight.requests",
                r -> r.value().contains(data.get("oversightRequestId").asText()), Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/drift/systems/drift-concept/concept").then().statusCode(200)
                .body("detector", equalTo("ADWIN"))
                .body("updates", equalTo(1200))
                .body("detections", equalTo(1)));
    }

    @Test
    void conceptDriftAgainAfterARetrainRecommendsRevisingTheArchitecture() throws Exception {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), "drift-revise");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"detector\": \"PAGE_HINKLEY\", \"parameters\": {\"lambda\": 25}}")
                .put("/api/v1/drift/systems/drift-revise/concept").then().statusCode(200)
                .body("detector", equalTo("PAGE_HINKLEY")).body("parameters.lambda", equalTo(25.0));
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        post(SampleStreams.predictions("drift-revise", "a", 500, at, 11, 0.1));
        post(SampleStreams.predictions("drift-revise", "b", 500, at, 12, 0.6));
        assertThat(actions("drift-revise")).containsExactly("RETRAIN");

        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"note\": \"retrained on recent data\"}")
                .post("/api/v1/drift/systems/drift-revise/retrains").then().statusCode(201)
                .body("recordedBy", equalTo("alice")).body("at", notNullValue());
        post(SampleStreams.predictions("drift-revise", "c", 500, at, 13, 0.1));
        assertThat(actions("drift-revise")).containsExactly("RETRAIN");
        post(SampleStreams.predictions("drift-revise", "d", 500, at, 14, 0.6));
        assertThat(actions("drift-revise")).containsExactly("RETRAIN", "REVISE_ARCHITECTURE");
        given().header("Authorization", VIEWER).get("/api/v1/drift/systems/drift-revise/concept").then().statusCode(200)
                .body("detections", equalTo(2)).body("lastRetrainAt", notNullValue());
    }

    private static void post(List<String> items) {
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(SampleStreams.batch(items))
                .post("/api/v1/drift/samples").then().statusCode(202).body("accepted", equalTo(items.size()));
    }

    /** The recommended actions of the system's detections, oldest first. */
    private static List<String> actions(String system) throws Exception {
        List<String> actions = new ArrayList<>();
        try (var c = RefineryTestResource.database().connect(); var q = c.prepareStatement(
                "select action from metrics.drift_detections where system_key = ? order by detected_at")) {
            q.setString(1, system);
            try (var rs = q.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
        }
        return actions;
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
