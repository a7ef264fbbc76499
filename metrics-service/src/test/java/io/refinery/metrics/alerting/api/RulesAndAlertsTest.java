package io.refinery.metrics.alerting.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
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
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.events.SystemEvents;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;

/** "CTR below baseline five consecutive days triggers a review": the rule and alert lifecycle on the real broker. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class RulesAndAlertsTest {

    private static final String ADMIN = TestTokens.bearer("alice", "admin");
    private static final String VIEWER = TestTokens.bearer("victor", "viewer");
    private static final String INGEST = TestTokens.bearer("shop", "ingest");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);

    @BeforeAll
    static void config() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    private static void registerSystem(String key) {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), key);
    }

    /** One CTR observation for the day {@code daysAgo} before today: numerator clicks over denominator impressions. */
    private static void ctrDay(String system, int daysAgo, double ctr, int impressions) {
        Instant noon = TODAY.minus(daysAgo, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
        String body = """
                [{"id": "%s", "systemKey": "%s", "metric": "ctr", "numerator": %d, "denominator": %d, "observedAt": "%s"}]
                """.formatted(UUID.randomUUID(), system, Math.round(ctr * impressions), impressions, noon);
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post("/api/v1/observations")
                .then().statusCode(202).body("accepted", equalTo(1));
    }

    private static String fiveDayRule(String system) {
        String body = """
                {"systemKey": "%s", "metric": "ctr", "comparison": "BELOW",
                 "baseline": {"type": "FIXED", "value": 0.03}, "tolerance": {"relative": 0.10},
                 "period": "P1D", "consecutivePeriods": 5, "minSamplesPerPeriod": 100, "severity": "WARNING"}
                """.formatted(system);
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/rules")
                .then().statusCode(201).extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse evaluate(String ruleId, Instant at) {
        return given().header("Authorization", ADMIN).queryParam("at", at.toString())
                .post("/api/v1/rules/" + ruleId + "/evaluate").then().statusCode(200);
    }

    @Test
    void fourDaysBelowBaselineArePendingAndTheFifthFiresExactlyOnceThenADecisionAcknowledges() throws Exception {
        registerSystem("rule-five");
        String ruleId = fiveDayRule("rule-five");
        for (int daysAgo = 10; daysAgo >= 6; daysAgo--) {
            ctrDay("rule-five", daysAgo, 0.040, 1000);
        }
        for (int daysAgo = 5; daysAgo >= 2; daysAgo--) {
            ctrDay("rule-five", daysAgo, 0.020, 1000); // threshold 0.03 - 10 % = 0.027
        }
        // As of yesterday's start, days -5..-2 are closed: four breaches.
        evaluate(ruleId, TODAY.minus(1, ChronoUnit.DAYS))
                .body("state", equalTo("PENDING"))
                .body("consecutiveBreaches", equalTo(4))
                .body("alert.state", equalTo("PENDING"));

        ctrDay("rule-five", 1, 0.020, 1000);
        String alertId = evaluate(ruleId, Instant.now())
                .body("state", equalTo("FIRING"))
                .body("transition", equalTo("FIRE"))
                .body("alert.state", equalTo("FIRING"))
                .body("alert.evidence.breachingPeriods.size()", equalTo(5))
                .body("alert.evidence.breachingPeriods[0].baseline", equalTo(0.03))
                .body("alert.evidence.breachingPeriods[0].value", equalTo(0.02))
                .extract().path("alert.id");
        evaluate(ruleId, Instant.now()).body("transition", equalTo("STILL_FIRING")).body("alert.id", equalTo(alertId));

        String bootstrap = RefineryTestResource.bootstrapServers();
        TestTopics.awaitRecord(bootstrap, "refinery.metrics.alerts", r -> r.value().contains(alertId), Duration.ofSeconds(20));
        List<ConsumerRecord<String, String>> fired = TestTopics.readAll(bootstrap, "refinery.metrics.alerts",
                r -> r.value().contains(alertId) && r.value().contains("alert.fired.v1"), Duration.ofSeconds(3));
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).key()).isEqualTo("rule-five");

        JsonNode request = JSON.readTree(last(TestTopics.awaitRecord(bootstrap, "refinery.oversight.requests",
                r -> r.value().contains(alertId), Duration.ofSeconds(20))).value());
        assertThat(request.at("/data/actionType").asText()).isEqualTo("ALERT_REVIEW");
        assertThat(request.at("/data/source/service").asText()).isEqualTo("metrics-service");
        assertThat(request.at("/data/magnitude").asDouble()).isCloseTo(1.0 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        String requestId = request.at("/data/id").asText();

        // A reviewer calls it a false alarm: the alert is acknowledged and the rule's precision learns it, once.
        String decision = """
                {"specversion": "1.0", "id": "%s", "source": "/oversight-service", "type": "io.refinery.oversight.decision.made.v1",
                 "subject": "rule-five", "time": "%s",
                 "data": {"requestId": "%s", "systemKey": "rule-five", "actionType": "ALERT_REVIEW", "outcome": "REJECT",
                          "decidedBy": "rita", "rationale": "Tracking outage, not a real drop", "decidedAt": "%s"}}
                """.formatted(UUID.randomUUID(), Instant.now(), requestId, Instant.now());
        TestTopics.sendCloudEvent(bootstrap, "refinery.oversight.decisions", "rule-five", decision);
        TestTopics.sendCloudEvent(bootstrap, "refinery.oversight.decisions", "rule-five", decision);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/alerts/" + alertId).then().statusCode(200)
                .body("state", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedBy", equalTo("rita"))
                .body("decision", equalTo("REJECT")));
        given().header("Authorization", VIEWER).get("/api/v1/rules/" + ruleId).then().statusCode(200)
                .body("precision.falseAlarms", equalTo(1))
                .body("precision.confirmed", equalTo(0))
                .body("precision.precision", equalTo(0.0));
        given().header("Authorization", VIEWER).queryParam("systemKey", "rule-five").queryParam("state", "acknowledged")
                .get("/api/v1/alerts").then().statusCode(200).body("items.id", hasItems(alertId));
        // An open alert keeps its rule.
        given().header("Authorization", ADMIN).delete("/api/v1/rules/" + ruleId).then().statusCode(409);
    }

    @Test
    void aLowSampleDayInsideTheStreakNeitherCountsNorResets() {
        registerSystem("rule-lowsample");
        String ruleId = fiveDayRule("rule-lowsample");
        for (int daysAgo = 6; daysAgo >= 1; daysAgo--) {
            ctrDay("rule-lowsample", daysAgo, 0.020, daysAgo == 3 ? 50 : 1000);
        }
        evaluate(ruleId, Instant.now())
                .body("state", equalTo("FIRING"))
                .body("consecutiveBreaches", equalTo(5))
                .body("alert.evidence.skippedPeriods.size()", equalTo(1))
                .body("alert.evidence.skippedPeriods[0].verdict", equalTo("INSUFFICIENT_SAMPLES"))
                .body("alert.evidence.note", containsString("too few samples"));
    }

    @Test
    void aGoodDayResolvesAFiringAlert() {
        registerSystem("rule-resolve");
        String ruleId = fiveDayRule("rule-resolve");
        for (int daysAgo = 7; daysAgo >= 3; daysAgo--) {
            ctrDay("rule-resolve", daysAgo, 0.020, 1000);
        }
        ctrDay("rule-resolve", 2, 0.035, 1000);
        String alertId = evaluate(ruleId, TODAY.minus(2, ChronoUnit.DAYS))
                .body("transition", equalTo("FIRE")).extract().path("alert.id");
        evaluate(ruleId, TODAY.minus(1, ChronoUnit.DAYS))
                .body("state", equalTo("OK"))
                .body("transition", equalTo("RESOLVE"))
                .body("alert.state", equalTo("RESOLVED"));
        TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(), "refinery.metrics.alerts",
                r -> r.value().contains(alertId) && r.value().contains("alert.resolved.v1"), Duration.ofSeconds(20));
        evaluate(ruleId, TODAY).body("transition", equalTo("NONE")).body("alert", nullValue());
    }

    @Test
    void invalidRulesAreRefusedNamingTheFields() {
        registerSystem("rule-validation");
        String base = """
                {"systemKey": "rule-validation", "metric": "ctr", "comparison": "BELOW",
                 "baseline": %s, "tolerance": %s, "period": "P1D", "consecutivePeriods": %d, "severity": "WARNING"}""";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(base.formatted("{\"type\": \"TRAILING\", \"window\": \"P2W\"}", "{\"relative\": 0.1, \"absolute\": 1}", 0))
                .post("/api/v1/rules").then().statusCode(400)
                .body("errors.field", hasItems("baseline.statistic", "baseline.window", "tolerance", "consecutivePeriods"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(base.formatted("{\"type\": \"TRAILING\", \"window\": \"PT36H\", \"statistic\": \"MEAN\"}", "{\"relative\": 0.1}", 5))
                .post("/api/v1/rules").then().statusCode(400).body("errors.field", hasItems("baseline.window"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(base.formatted("{\"type\": \"AVERAGE\"}", "{\"relative\": 0.1}", 5))
                .post("/api/v1/rules").then().statusCode(400).body("errors[0].field", equalTo("baseline.type"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(base.formatted("{\"type\": \"FIXED\", \"value\": 0.03}", "{\"relative\": 0.1}", 5)
                        .replace("rule-validation", "no-such-system"))
                .post("/api/v1/rules").then().statusCode(422).body("errors[0].field", equalTo("systemKey"));
        given().header("Authorization", VIEWER).contentType(ContentType.JSON)
                .body(base.formatted("{\"type\": \"FIXED\", \"value\": 0.03}", "{\"relative\": 0.1}", 5))
                .post("/api/v1/rules").then().statusCode(403);
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(base.formatted("{\"type\": \"TRAILING\", \"window\": \"P28D\", \"statistic\": \"MEDIAN\"}", "{\"absolute\": 0.002}", 5))
                .post("/api/v1/rules").then().statusCode(201).extract().path("id");
        given().header("Authorization", ADMIN).queryParam("at", Instant.now().plus(1, ChronoUnit.DAYS).toString())
                .post("/api/v1/rules/" + id + "/evaluate").then().statusCode(400).body("errors[0].field", equalTo("at"));
        given().header("Authorization", ADMIN).delete("/api/v1/rules/" + id).then().statusCode(204);
        given().header("Authorization", VIEWER).get("/api/v1/rules/" + id).then().statusCode(404);
        given().header("Authorization", VIEWER).get("/api/v1/rules/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
    }

    private static <T> T last(List<T> list) {
        return new ArrayList<>(list).get(list.size() - 1);
    }
}
