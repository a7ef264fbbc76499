package io.refinery.experiments.experiment.api;

import static io.refinery.experiments.experiment.api.ExperimentFixtures.ADMIN;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.VIEWER;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.action;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.binomial;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.create;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.registerSystem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
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
import io.refinery.experiments.stats.SampleSizeCalculator;
import io.refinery.experiments.stats.SampleSizeRequest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Experiments are refused without what a test must define, and move DRAFT → RUNNING → STOPPED → CONCLUDED with events. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ExperimentLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void anExperimentWithoutMaxDurationPrimaryMetricOrMdeOneControlOrUnitWeightsIsRefusedNamingTheField() {
        registerSystem("exp-validation");
        String good = binomial("refused", "exp-validation", "");
        create(good.replace(",\n \"maxDuration\": \"P28D\"", "").replace(", \"maxDuration\": \"P28D\"", "")
                .replace("\"maxDuration\": \"P28D\"", "\"maxDuration\": null"))
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("maxDuration"))
                .body("errors.find { it.field == 'maxDuration' }.message", containsString("is required"));
        create(good.replaceAll("\"primaryMetric\": \\{[^}]*\\},", ""))
                .statusCode(422).body("errors.field", hasItem("primaryMetric"));
        create(good.replace("\"minimumDetectableEffect\": 0.1, ", ""))
                .statusCode(422).body("errors.field", hasItem("primaryMetric.minimumDetectableEffect"));
        create(good.replace("\"control\": false", "\"control\": true"))
                .statusCode(422).body("errors.field", hasItem("variants"))
                .body("errors.message", hasItem(containsString("exactly one variant must be the control, found 2")));
        create(good.replace("\"weight\": 0.5, \"control\": false", "\"weight\": 0.4, \"control\": false"))
                .statusCode(422).body("errors.message", hasItem(containsString("weights must sum to 1, they sum to 0.9")));
        // 31k units per variant at 1,000 a day need 63 days, not 28.
        create(binomial("refused", "exp-validation", "\"expectedDailyUnits\": 1000"))
                .statusCode(422).body("errors[0].field", equalTo("maxDuration"))
                .body("errors[0].message", containsString("is too short"));
        create(binomial("refused", "no-such-system", "")).statusCode(422).body("errors[0].field", equalTo("systemKey"));
        create(good.replace("MODEL_VARIANT", "HUNCH")).statusCode(400).body("errors[0].field", equalTo("kind"));
        given().header("Authorization", VIEWER).contentType(ContentType.JSON).body(good).post("/api/v1/experiments")
                .then().statusCode(403);
        given().header("Authorization", VIEWER).get("/api/v1/experiments/refused").then().statusCode(404);
    }

    @Test
    void theRequiredSampleIsComputedStoredAndShownWithAWarningWhenDailyTrafficIsUnknown() {
        registerSystem("exp-sample");
        long expected = SampleSizeCalculator.unitsPerVariant(new SampleSizeRequest.Binomial(0.05, 0.1, 0.05, 0.8))
                .unitsPerVariant();
        create(binomial("sized-no-traffic", "exp-sample", "")).statusCode(201)
                .header("Location", containsString("/api/v1/experiments/sized-no-traffic"))
                .body("state", equalTo("DRAFT"))
                .body("requiredUnitsPerVariant", equalTo((int) expected))
                .body("requiredDays", nullValue())
                .body("warnings", hasSize(1))
                .body("warnings[0]", containsString("expectedDailyUnits is not given"));
        create(binomial("sized-with-traffic", "exp-sample", "\"expectedDailyUnits\": 20000")).statusCode(201)
                .body("requiredUnitsPerVariant", equalTo((int) expected))
                .body("requiredDays", equalTo((int) Math.ceil(expected / (20000 * 0.5))))
                .body("warnings", empty());
        given().header("Authorization", VIEWER).get("/api/v1/experiments/sized-with-traffic").then().statusCode(200)
                .body("requiredUnitsPerVariant", equalTo((int) expected));
        create(binomial("sized-no-traffic", "exp-sample", "")).statusCode(409);
        given().header("Authorization", VIEWER).queryParam("systemKey", "exp-sample").queryParam("limit", "1")
                .get("/api/v1/experiments").then().statusCode(200)
                .body("items.key", equalTo(List.of("sized-no-traffic")))
                .body("nextCursor", notNullValue());
        // A DRAFT may still change; its sample size follows.
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(binomial("sized-no-traffic", "exp-sample", "").replace("\"baselineRate\": 0.05", "\"baselineRate\": 0.10"))
                .put("/api/v1/experiments/sized-no-traffic").then().statusCode(200)
                .body("requiredUnitsPerVariant", not(equalTo((int) expected)));
    }

    @Test
    void anExperimentRunsStopsAndConcludesWithEventsAndAShipConclusionAsksOversightForTheRollout() throws Exception {
        registerSystem("exp-life");
        create(binomial("life-ship", "exp-life", "")).statusCode(201);
        action("life-ship", "conclude", "{\"decision\": \"KEEP_CONTROL\"}").statusCode(409);
        action("life-ship", "start", null).statusCode(200)
                .body("state", equalTo("RUNNING"))
                .body("startedAt", notNullValue())
                .body("endsAt", notNullValue());
        action("life-ship", "start", null).statusCode(409).body("errors[0].field", equalTo("state"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(binomial("life-ship", "exp-life", ""))
                .put("/api/v1/experiments/life-ship").then().statusCode(409);
        action("life-ship", "stop", "{\"reason\": \"enough seen\"}").statusCode(200)
                .body("state", equalTo("STOPPED"))
                .body("stopTrigger", equalTo("MANUAL"))
                .body("stopReason", equalTo("enough seen"));
        action("life-ship", "conclude", "{\"decision\": \"SHIP:control\"}").statusCode(422)
                .body("errors[0].field", equalTo("decision"));
        String requestId = action("life-ship", "conclude", "{\"decision\": \"SHIP:treatment\", \"rationale\": \"+12 %\"}")
                .statusCode(200)
                .body("state", equalTo("CONCLUDED"))
                .body("decision", equalTo("SHIP:treatment"))
                .body("concludedBy", equalTo("alice"))
                .body("rollout.requestId", notNullValue())
                .body("rollout.decision", nullValue())
                .extract().path("rollout.requestId");

        String bootstrap = RefineryTestResource.bootstrapServers();
        List<ConsumerRecord<String, String>> lifecycle = TestTopics.awaitRecord(bootstrap, "refinery.experiments.lifecycle",
                r -> r.value().contains("experiment.concluded.v1") && r.value().contains("life-ship"), Duration.ofSeconds(20));
        // The system's coverage gap may open (and close when life-ship starts) on the same topic, depending on
        // when the 1 s coverage job runs: only the experiment's own events are checked here.
        List<String> types = TestTopics.readAll(bootstrap, "refinery.experiments.lifecycle",
                r -> r.value().contains("\"life-ship\""), Duration.ofSeconds(2)).stream()
                .map(r -> read(r.value()).get("type").asText())
                .filter(t -> t.startsWith("io.refinery.experiments.experiment.")).toList();
        assertThat(types).containsExactly("io.refinery.experiments.experiment.started.v1",
                "io.refinery.experiments.experiment.stopped.v1", "io.refinery.experiments.experiment.concluded.v1");
        ConsumerRecord<String, String> concluded = lifecycle.get(lifecycle.size() - 1);
        assertThat(concluded.key()).isEqualTo("exp-life");
        assertThat(read(concluded.value()).at("/data/decision").asText()).isEqualTo("SHIP:treatment");

        JsonNode request = read(last(TestTopics.awaitRecord(bootstrap, "refinery.oversight.requests",
                r -> r.value().contains(requestId), Duration.ofSeconds(20))).value());
        assertThat(request.at("/data/id").asText()).isEqualTo(requestId);
        assertThat(request.at("/data/actionType").asText()).isEqualTo("MODEL_ROLLOUT");
        assertThat(request.at("/data/systemKey").asText()).isEqualTo("exp-life");
        assertThat(request.at("/data/payload/variant").asText()).isEqualTo("treatment");
        assertThat(request.at("/data/source/service").asText()).isEqualTo("experiment-service");

        String decision = """
                {"specversion": "1.0", "id": "%s", "source": "/oversight-service", "type": "io.refinery.oversight.decision.made.v1",
                 "subject": "exp-life", "time": "%s",
                 "data": {"requestId": "%s", "systemKey": "exp-life", "actionType": "MODEL_ROLLOUT", "outcome": "APPROVE",
                          "decidedBy": "rob", "rationale": "ship it", "decidedAt": "%s"}}
                """.formatted(UUID.randomUUID(), Instant.now(), requestId, Instant.now());
        TestTopics.sendCloudEvent(bootstrap, "refinery.oversight.decisions", "exp-life", decision);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/experiments/life-ship").then().statusCode(200)
                .body("rollout.decision", equalTo("APPROVE"))
                .body("rollout.decidedBy", equalTo("rob")));

        // KEEP_CONTROL concludes without asking for a rollout.
        create(binomial("life-keep", "exp-life", "")).statusCode(201);
        action("life-keep", "start", null).statusCode(200);
        action("life-keep", "conclude", "{\"decision\": \"KEEP_CONTROL\"}").statusCode(200)
                .body("state", equalTo("CONCLUDED"))
                .body("stopTrigger", equalTo("MANUAL"))
                .body("rollout", nullValue());
        given().header("Authorization", VIEWER).queryParam("state", "concluded").queryParam("systemKey", "exp-life")
                .get("/api/v1/experiments").then().statusCode(200).body("items.key", hasItems("life-ship", "life-keep"));

        // An A/A test never ships; its advice says whether the setup can be trusted.
        create(binomial("life-aa", "exp-life", "").replace("\"kind\": \"MODEL_VARIANT\"", "\"kind\": \"AA_TEST\""))
                .statusCode(201).body("kind", equalTo("AA_TEST"));
        action("life-aa", "start", null).statusCode(200);
        given().header("Authorization", VIEWER).get("/api/v1/experiments/life-aa/results").then().statusCode(200)
                .body("recommendation.decision", equalTo("INCONCLUSIVE"))
                .body("recommendation.advice", equalTo("KEEP_RUNNING"));
        action("life-aa", "conclude", "{\"decision\": \"SHIP:treatment\"}").statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("decision"));
        action("life-aa", "conclude", "{\"decision\": \"INCONCLUSIVE\"}").statusCode(200).body("state", equalTo("CONCLUDED"))
                .body("decision", equalTo("INCONCLUSIVE")).body("rollout", nullValue());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
