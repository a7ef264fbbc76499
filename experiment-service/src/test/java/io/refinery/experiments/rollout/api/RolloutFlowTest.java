package io.refinery.experiments.rollout.api;

import static io.refinery.experiments.experiment.api.ExperimentFixtures.ADMIN;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.INGEST;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.REVIEWER;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.VIEWER;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.action;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.binomial;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.create;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.registerSystem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import io.refinery.experiments.rollout.machine.Phase;
import io.refinery.experiments.rollout.machine.PhaseScope;
import io.refinery.experiments.rollout.machine.RolloutPosition;
import io.refinery.experiments.rollout.machine.RolloutState;
import io.refinery.experiments.rollout.machine.RolloutTraffic;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 9's flow on the real broker and database: a pilot concluded SHIP → a rollout with readiness → phase 1 gate
 * approved by a reviewer → phase 2 asked for once the exit criteria are met and approved → paused by a FIRING alert →
 * resumed after the reviewer's decision. Decisions arrive as oversight-service publishes them.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class RolloutFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void config() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    private static String readiness(int score) {
        return """
                {"dataInfrastructure": {"score": %1$d, "evidence": "ingestion at 40k obs/s, drift monitors green"},
                 "technicalResources": {"score": %1$d, "evidence": "two engineers on call", "questions": {"support": "yes"}},
                 "changeManagement": {"score": %1$d, "evidence": "merchandisers trained, champions named"},
                 "systemDependencies": {"score": %1$d, "evidence": "search and pricing integrations validated"},
                 "financialProjections": {"score": %1$d, "expectedCost": 12000, "expectedReturn": 90000, "horizon": "P12M"}}"""
                .formatted(score);
    }

    private static String rollout(String key, String system, String pilot, String extra, String readiness) {
        return """
                {"key": "%s", "systemKey": "%s", "experimentKey": %s, "variant": "treatment"%s,
                 "phases": [
                   {"name": "shoes", "scope": {"categories": ["shoes"]}, "trafficPercent": 20, "minDuration": "P0D",
                    "exitCriteria": [{"metric": "conversion_rate", "comparison": "AT_LEAST", "value": 0.03}]},
                   {"name": "shoes and bags", "scope": {"categories": ["shoes", "bags"]}, "trafficPercent": 50, "minDuration": "P0D"},
                   {"name": "everything", "trafficPercent": 100, "minDuration": "P7D"}],
                 "readiness": %s}""".formatted(key, system, pilot == null ? "null" : "\"" + pilot + "\"", extra, readiness);
    }

    private static ValidatableResponse post(String body) {
        return given().header("Authorization", REVIEWER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/rollouts").then();
    }

    private static ValidatableResponse get(String key) {
        return given().header("Authorization", VIEWER).get("/api/v1/rollouts/" + key).then().statusCode(200);
    }

    private static JsonNode request(String bootstrap, String rolloutKey, String step, String requestId) throws Exception {
        List<ConsumerRecord<String, String>> records = TestTopics.awaitRecord(bootstrap, "refinery.oversight.requests",
                r -> r.value().contains(requestId), Duration.ofSeconds(20));
        JsonNode data = JSON.readTree(records.get(records.size() - 1).value()).get("data");
        assertThat(data.get("actionType").asText()).isEqualTo("ROLLOUT_PHASE");
        assertThat(data.at("/payload/rolloutKey").asText()).isEqualTo(rolloutKey);
        assertThat(data.at("/payload/step").asText()).isEqualTo(step);
        return data;
    }

    private static void decide(String bootstrap, String system, String requestId, String outcome) {
        TestTopics.sendCloudEvent(bootstrap, "refinery.oversight.decisions", system, """
                {"specversion": "1.0", "id": "%s", "source": "/oversight-service", "type": "io.refinery.oversight.decision.made.v1",
                 "subject": "%s", "time": "%s",
                 "data": {"requestId": "%s", "systemKey": "%s", "actionType": "ROLLOUT_PHASE", "outcome": "%s",
                          "decidedBy": "rita", "rationale": "evidence reviewed", "decidedAt": "%s"}}"""
                .formatted(UUID.randomUUID(), system, Instant.now(), requestId, system, outcome, Instant.now()));
    }

    private static String pilot(String key, String system) {
        create(binomial(key, system, "")).statusCode(201);
        action(key, "start", null).statusCode(200);
        action(key, "stop", "{\"reason\": \"pilot done\"}").statusCode(200);
        action(key, "conclude", "{\"decision\": \"SHIP:treatment\", \"rationale\": \"+9 % conversion\"}").statusCode(200);
        return key;
    }

    @Test
    void aShippedPilotRollsOutPhaseByPhaseThroughOversightAndAFiringAlertPausesIt() throws Exception {
        String bootstrap = RefineryTestResource.bootstrapServers();
        registerSystem("rollout-shop");
        String pilot = pilot("rollout-pilot", "rollout-shop");

        String requestId = post(rollout("shop-eu", "rollout-shop", pilot, "", readiness(4))).statusCode(201)
                .body("state", equalTo("AWAITING_GATE"))
                .body("currentPhase", equalTo(-1))
                .body("requestedPhase", equalTo(0))
                .body("pendingRequest.step", equalTo("GATE"))
                .body("readiness.passed", equalTo(true))
                .body("readiness.minimumScore", equalTo(3))
                .body("readiness.dimensions.dimension", equalTo(List.of("dataInfrastructure", "technicalResources",
                        "changeManagement", "systemDependencies", "financialProjections")))
                .body("readiness.dimensions[0].questions[0]", containsString("increased data volume"))
                .body("readiness.dimensions[0].measuredScore", notNullValue())
                .body("readiness.dimensions[1].origin", equalTo("DECLARED"))
                .body("readiness.dimensions[4].answers.expectedReturn", equalTo("90000.0"))
                .body("phases.status", equalTo(List.of("REQUESTED", "PLANNED", "PLANNED")))
                .extract().path("pendingRequest.id");
        JsonNode gate = request(bootstrap, "shop-eu", "GATE", requestId);
        assertThat(gate.at("/payload/phase/name").asText()).isEqualTo("shoes");
        assertThat(gate.get("summary").asText()).isEqualTo("Start phase 1 'shoes' of rollout shop-eu (20% of categories shoes)");
        assertThat(gate.at("/source/service").asText()).isEqualTo("experiment-service");

        // Nobody gets the variant before the gate is approved.
        given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body("{\"unitId\": \"u1\", \"attributes\": {\"category\": \"shoes\"}}")
                .post("/api/v1/rollouts/shop-eu/assignment").then().statusCode(200)
                .body("inRollout", equalTo(false)).body("reason", equalTo("NOT_SERVING"));

        decide(bootstrap, "rollout-shop", requestId, "APPROVE");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> get("shop-eu")
                .body("state", equalTo("RUNNING")).body("currentPhase", equalTo(0)));
        // Assignments are served from memory, refreshed within 2 s of the decision.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("Authorization", INGEST)
                .contentType(ContentType.JSON).body("{\"unitId\": \"u1\", \"attributes\": {\"category\": \"shoes\"}}")
                .post("/api/v1/rollouts/shop-eu/assignment").then().statusCode(200).body("phase", equalTo("shoes")));
        int served = 0;
        for (int i = 0; i < 400; i++) {
            String reason = given().header("Authorization", INGEST).contentType(ContentType.JSON)
                    .body("{\"unitId\": \"u" + i + "\", \"attributes\": {\"category\": \"shoes\"}}")
                    .post("/api/v1/rollouts/shop-eu/assignment").then().statusCode(200).extract().path("reason");
            served += "SERVED".equals(reason) ? 1 : 0;
        }
        assertThat(served).as("about 20 % of 400 shoe shoppers").isBetween(50, 110);
        // The system-wide assignment call answers for the rollout too, by the unit's attributes.
        given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body("{\"unitId\": \"u1\", \"systemKey\": \"rollout-shop\", \"attributes\": {\"category\": \"bags\"}}")
                .post("/api/v1/assignments").then().statusCode(200)
                .body("rollouts[0].rolloutKey", equalTo("shop-eu"))
                .body("rollouts[0].inRollout", equalTo(false))
                .body("rollouts[0].reason", equalTo("OUT_OF_SCOPE"));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("{\"unitId\": \"u1\"}")
                .post("/api/v1/rollouts/no-such-rollout/assignment").then().statusCode(404);
        given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body("{\"unitId\": \"u1\", \"attributes\": {\"category\": \"bags\"}}")
                .post("/api/v1/rollouts/shop-eu/assignment").then().statusCode(200)
                .body("reason", equalTo("OUT_OF_SCOPE")).body("phase", equalTo("shoes"));

        // Exit criteria not met yet: no conversion data for the phase.
        given().header("Authorization", REVIEWER).post("/api/v1/rollouts/shop-eu/advance").then().statusCode(409)
                .body("errors[0].message", containsString("does not meet its exit criteria"));
        TestTopics.sendCloudEvent(bootstrap, "refinery.metrics.rollups", "rollout-shop", """
                {"specversion": "1.0", "id": "%s", "source": "/metrics-service", "type": "io.refinery.metrics.rollup.closed.v1",
                 "subject": "rollout-shop", "time": "%s",
                 "data": {"systemKey": "rollout-shop", "metric": "conversion_rate", "period": "P1D", "start": "%s",
                          "end": "%s", "value": 0.034, "count": 5000, "samples": 5000, "min": 0, "max": 1, "segments": []}}"""
                .formatted(UUID.randomUUID(), Instant.now(), Instant.now().truncatedTo(ChronoUnit.DAYS),
                        Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> get("shop-eu")
                .body("phases[0].liveMetrics[0].observed", equalTo(0.034))
                .body("phases[0].liveMetrics[0].met", equalTo(true)));
        String secondGate = given().header("Authorization", REVIEWER).post("/api/v1/rollouts/shop-eu/advance").then()
                .statusCode(200).body("state", equalTo("AWAITING_GATE")).body("requestedPhase", equalTo(1))
                .extract().path("pendingRequest.id");
        JsonNode second = request(bootstrap, "shop-eu", "GATE", secondGate);
        assertThat(second.at("/payload/exitCriteria/0/observed").asDouble()).isEqualTo(0.034);
        decide(bootstrap, "rollout-shop", secondGate, "APPROVE");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> get("shop-eu")
                .body("state", equalTo("RUNNING")).body("currentPhase", equalTo(1)));

        // A FIRING alert for the system pauses phase 2 and asks oversight whether to resume.
        TestTopics.sendCloudEvent(bootstrap, "refinery.metrics.alerts", "rollout-shop", """
                {"specversion": "1.0", "id": "%s", "source": "/metrics-service", "type": "io.refinery.metrics.alert.fired.v1",
                 "subject": "rollout-shop", "time": "%s",
                 "data": {"alertId": "%s", "systemKey": "rollout-shop", "metric": "conversion_rate", "severity": "CRITICAL",
                          "firedAt": "%s"}}"""
                .formatted(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> get("shop-eu")
                .body("state", equalTo("PAUSED")).body("currentPhase", equalTo(1))
                .body("pauseReason", equalTo("FIRING CRITICAL alert on conversion_rate"))
                .body("pendingRequest.step", equalTo("RESUME")));
        given().header("Authorization", REVIEWER).post("/api/v1/rollouts/shop-eu/advance").then().statusCode(409);
        String resume = get("shop-eu").extract().path("pendingRequest.id");
        JsonNode resumeRequest = request(bootstrap, "shop-eu", "RESUME", resume);
        assertThat(resumeRequest.at("/payload/firingAlerts/0").asText()).isEqualTo("CRITICAL alert on conversion_rate");
        decide(bootstrap, "rollout-shop", resume, "APPROVE");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> get("shop-eu")
                .body("state", equalTo("RUNNING")).body("currentPhase", equalTo(1)).body("pauseReason", nullValue()));
        get("shop-eu").body("history.step", equalTo(List.of("created", "gate-requested", "phase-approved", "advance-asked",
                "gate-requested", "phase-approved", "paused", "resume-requested", "resumed")))
                .body("history[2].actor", equalTo("rita"))
                .body("phases.status", equalTo(List.of("DONE", "CURRENT", "PLANNED")))
                .body("phases[0].liveMetrics[0].observed", equalTo(0.034))
                .body("phases[0].liveMetrics[0].met", equalTo(true));

        List<ConsumerRecord<String, String>> lifecycle = TestTopics.awaitRecord(bootstrap, "refinery.experiments.lifecycle",
                r -> r.value().contains("io.refinery.experiments.rollout.resumed.v1"), Duration.ofSeconds(20));
        assertThat(lifecycle).anyMatch(r -> r.value().contains("io.refinery.experiments.rollout.paused.v1")
                && r.value().contains("shop-eu"));
    }

    @Test
    void aHoldoutKeepsItsUnitsOutOfRolloutsCreatedSinceItBegan() throws Exception {
        String bootstrap = RefineryTestResource.bootstrapServers();
        registerSystem("rollout-held");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                {"key": "rollout-held-q4", "systemKey": "rollout-held", "share": 0.3, "maxDuration": "P91D",
                 "primaryMetric": {"name": "conversion", "type": "BINOMIAL", "direction": "INCREASE",
                                   "minimumDetectableEffect": 0.2, "baselineRate": 0.1}}""")
                .post("/api/v1/holdouts").then().statusCode(201);
        String pilot = pilot("rollout-held-pilot", "rollout-held");
        String requestId = post(rollout("held-eu", "rollout-held", pilot, "", readiness(4))).statusCode(201)
                .extract().path("pendingRequest.id");
        request(bootstrap, "held-eu", "GATE", requestId);
        decide(bootstrap, "rollout-held", requestId, "APPROVE");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> get("held-eu").body("currentPhase", equalTo(0)));
        Allocation holdout = new Allocation("rollout-held-q4", 1.0, List.of(Holdout.HELD_OUT, Holdout.EXPOSED),
                List.of(0.3, 0.7));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("Authorization", INGEST)
                .contentType(ContentType.JSON).body("{\"unitId\": \"h0\", \"attributes\": {\"category\": \"shoes\"}}")
                .post("/api/v1/rollouts/held-eu/assignment").then().statusCode(200).body("phase", notNullValue()));
        int held = 0;
        int served = 0;
        for (int i = 0; i < 300; i++) {
            String unit = "h" + i;
            String reason = given().header("Authorization", INGEST).contentType(ContentType.JSON)
                    .body("{\"unitId\": \"" + unit + "\", \"attributes\": {\"category\": \"shoes\"}}")
                    .post("/api/v1/rollouts/held-eu/assignment").then().statusCode(200).extract().path("reason");
            boolean kept = Holdout.HELD_OUT.equals(holdout.assign(unit));
            assertThat(reason).as(unit).isEqualTo(kept ? "HOLDOUT"
                    : RolloutTraffic.decide("held-eu", "treatment", new RolloutPosition(RolloutState.RUNNING, 0, 0),
                            List.of(new Phase("shoes", new PhaseScope(List.of("shoes"), List.of(), List.of(), List.of()),
                                    20, java.time.Duration.ZERO, List.of())), unit, java.util.Map.of("category", "shoes"))
                            .reason().name());
            held += kept ? 1 : 0;
            served += "SERVED".equals(reason) ? 1 : 0;
        }
        assertThat(held).as("about 30 % of 300").isBetween(60, 120);
        assertThat(served).as("about 20 % of the 70 % exposed").isBetween(20, 65);
        String heldUnit = java.util.stream.IntStream.range(0, 300).mapToObj(i -> "h" + i)
                .filter(u -> Holdout.HELD_OUT.equals(holdout.assign(u))).findFirst().orElseThrow();
        given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body("{\"unitId\": \"" + heldUnit + "\", \"systemKey\": \"rollout-held\", \"attributes\": {\"category\": \"shoes\"}}")
                .post("/api/v1/assignments").then().statusCode(200)
                .body("heldOutBy", equalTo("rollout-held-q4"))
                .body("rollouts[0].reason", equalTo("HOLDOUT")).body("rollouts[0].inRollout", equalTo(false));
    }

    @Test
    void readinessAndThePilotGateTheStart() {
        registerSystem("rollout-gates");
        String pilot = pilot("rollout-gates-pilot", "rollout-gates");
        post(rollout("gated", "rollout-gates", pilot, "", readiness(2))).statusCode(201)
                .body("state", equalTo("BLOCKED"))
                .body("pendingRequest", nullValue())
                .body("readiness.passed", equalTo(false))
                .body("readiness.blockers.dimension", hasItems("TECHNICAL_RESOURCES", "CHANGE_MANAGEMENT"))
                .body("readiness.blockers[0].reason", containsString("below the minimum of 3"));
        given().header("Authorization", REVIEWER).contentType(ContentType.JSON).body(readiness(4))
                .put("/api/v1/rollouts/gated/readiness").then().statusCode(200)
                .body("state", equalTo("AWAITING_GATE")).body("readiness.passed", equalTo(true));
        given().header("Authorization", REVIEWER).contentType(ContentType.JSON).body(readiness(4))
                .put("/api/v1/rollouts/gated/readiness").then().statusCode(409);

        // A pilot that did not ship this variant needs a reason, and then an override from oversight.
        create(binomial("rollout-gates-kept", "rollout-gates", "")).statusCode(201);
        post(rollout("no-ship", "rollout-gates", "rollout-gates-kept", "", readiness(4))).statusCode(422)
                .body("errors[0].field", equalTo("overrideReason"));
        post(rollout("no-ship", "rollout-gates", "rollout-gates-kept",
                ", \"overrideReason\": \"pilot cut short by a launch; variant proven elsewhere\"", readiness(4)))
                .statusCode(201).body("state", equalTo("AWAITING_OVERRIDE")).body("pendingRequest.step", equalTo("OVERRIDE"));

        post(rollout("gated", "rollout-gates", pilot, "", readiness(4))).statusCode(409);
        post(rollout("elsewhere", "no-such-system", pilot, "", readiness(4))).statusCode(422)
                .body("errors[0].field", equalTo("systemKey"));
        post(rollout("narrowing", "rollout-gates", pilot, "", readiness(4)).replace("[\"shoes\", \"bags\"]", "[\"bags\"]"))
                .statusCode(400).body("errors[0].field", equalTo("phases[1].scope"));
        post(rollout("bad-score", "rollout-gates", pilot, "", readiness(7))).statusCode(400)
                .body("errors.field", hasItems("readiness.dataInfrastructure.score"));
        given().header("Authorization", VIEWER).contentType(ContentType.JSON)
                .body(rollout("viewer", "rollout-gates", pilot, "", readiness(4))).post("/api/v1/rollouts").then()
                .statusCode(403);
        given().header("Authorization", VIEWER).get("/api/v1/rollouts/no-such-rollout").then().statusCode(404);
        given().header("Authorization", ADMIN).queryParam("systemKey", "rollout-gates").get("/api/v1/rollouts").then()
                .statusCode(200).body("items.key", equalTo(List.of("gated", "no-ship")));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/rollouts"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/rollouts/{key}/readiness"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/rollouts/{key}/assignment"))
                .body("components.schemas.RolloutRequest.properties.key.examples[0]", equalTo("short-copy-eu"))
                .body("components.schemas.RolloutPhase.properties.minDuration.examples[0]", equalTo("P7D"));
    }

    /** Issue 16, point 6: oversight's REJECT of a pilot's MODEL_ROLLOUT is enforced, not only stored. */
    @Test
    void aRejectedModelRolloutStopsThePilotsRolloutsAndRefusesNewOnes() throws Exception {
        String bootstrap = RefineryTestResource.bootstrapServers();
        registerSystem("rollout-rejected");
        String pilot = pilot("rollout-rejected-pilot", "rollout-rejected");
        post(rollout("rejected-eu", "rollout-rejected", pilot, "", readiness(4))).statusCode(201)
                .body("state", equalTo("AWAITING_GATE"));
        post(rollout("rejected-us", "rollout-rejected", pilot, "", readiness(2))).statusCode(201)
                .body("state", equalTo("BLOCKED"));
        String modelRollout = given().header("Authorization", VIEWER).get("/api/v1/experiments/" + pilot).then()
                .statusCode(200).body("rollout.decision", nullValue()).extract().path("rollout.requestId");

        TestTopics.sendCloudEvent(bootstrap, "refinery.oversight.decisions", "rollout-rejected", """
                {"specversion": "1.0", "id": "%s", "source": "/oversight-service", "type": "io.refinery.oversight.decision.made.v1",
                 "subject": "rollout-rejected", "time": "%s",
                 "data": {"requestId": "%s", "systemKey": "rollout-rejected", "actionType": "MODEL_ROLLOUT", "outcome": "REJECT",
                          "decidedBy": "bob", "rationale": "returns risk too high", "decidedAt": "%s"}}"""
                .formatted(UUID.randomUUID(), Instant.now(), modelRollout, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> get("rejected-eu").body("state", equalTo("ROLLED_BACK"))
                .body("pendingRequest", nullValue()));
        get("rejected-us").body("state", equalTo("ROLLED_BACK"));
        given().header("Authorization", VIEWER).get("/api/v1/experiments/" + pilot).then()
                .body("rollout.decision", equalTo("REJECT")).body("rollout.decidedBy", equalTo("bob"));
        // a new rollout of the rejected pilot needs an override that oversight approves
        post(rollout("rejected-again", "rollout-rejected", pilot, "", readiness(4))).statusCode(422)
                .body("errors[0].field", equalTo("overrideReason"))
                .body("errors[0].message", containsString("oversight rejected the MODEL_ROLLOUT of pilot rollout-rejected-pilot"));
        post(rollout("rejected-again", "rollout-rejected", pilot, ", \"overrideReason\": \"returns risk mitigated\"",
                readiness(4))).statusCode(201).body("state", equalTo("AWAITING_OVERRIDE"));
    }
}
