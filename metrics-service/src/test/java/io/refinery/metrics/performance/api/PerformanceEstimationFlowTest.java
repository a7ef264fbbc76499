package io.refinery.metrics.performance.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * Performance estimation end to end on the real broker and database: a loan-default classifier's predictions arrive
 * with their scores, its reference days with their outcomes; the estimator is fitted; two days of predictions whose
 * inputs moved towards the decision boundary arrive over Kafka without outcomes; the estimated accuracy drops and a
 * threshold rule on it fires, saying that its values are estimates; the outcomes then arrive and the realized values
 * replace the estimates, with the gap between the two.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class PerformanceEstimationFlowTest {

    private static final String ADMIN = TestTokens.bearer("alice", "admin");
    private static final String VIEWER = TestTokens.bearer("victor", "viewer");
    private static final String INGEST = TestTokens.bearer("shop", "ingest");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    private static final int PER_DAY = 400;

    @BeforeAll
    static void config() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    /** A prediction: latent x, true default probability sigmoid(2x), an overconfident score sigmoid(3x). */
    private record Prediction(String id, Instant at, double score, boolean outcome) {
    }

    private static List<Prediction> day(String prefix, int daysAgo, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Prediction> day = new ArrayList<>(PER_DAY);
        Instant start = TODAY.minus(daysAgo, ChronoUnit.DAYS).plus(8, ChronoUnit.HOURS);
        for (int i = 0; i < PER_DAY; i++) {
            double x = spread * gaussian(random);
            double truth = 1 / (1 + Math.exp(-2 * x));
            double score = Math.round(1e6 / (1 + Math.exp(-3 * x))) / 1e6;
            day.add(new Prediction(prefix + "-" + daysAgo + "-" + i, start.plusSeconds(30L * i), score,
                    random.nextDouble() < truth));
        }
        return day;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static String item(String system, Prediction p, boolean withScore, boolean withOutcome) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", p.id());
        item.put("systemKey", system);
        item.put("observedAt", p.at().toString());
        if (withScore) {
            item.put("prediction", p.score());
        }
        if (withOutcome) {
            item.put("outcome", p.outcome() ? 1 : 0);
        }
        try {
            return JSON.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void post(List<String> items) {
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("[" + String.join(",", items) + "]")
                .post("/api/v1/drift/samples").then().statusCode(202).body("rejected.size()", equalTo(0));
    }

    private static long stored(String system, String where) throws Exception {
        return RefineryTestResource.database().queryLong(
                "select count(*) from metrics.drift_samples where system_key = '" + system + "' and " + where);
    }

    @Test
    void shiftedScoresLowerTheEstimateAndFireTheRuleBeforeTheLabelsThenRealizedValuesReplaceIt() throws Exception {
        String system = "perf-loans";
        String bootstrap = RefineryTestResource.bootstrapServers();
        SystemEvents.registerAndAwait(bootstrap, system);

        // Reference: six days with outcomes, over HTTP.
        List<String> reference = new ArrayList<>();
        for (int daysAgo = 10; daysAgo >= 5; daysAgo--) {
            day("ref", daysAgo, 1.0, daysAgo).forEach(p -> reference.add(item(system, p, true, true)));
        }
        post(reference);

        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                {"referenceFrom": "%s", "referenceTo": "%s", "calibration": "ISOTONIC"}"""
                .formatted(TODAY.minus(10, ChronoUnit.DAYS), TODAY.minus(4, ChronoUnit.DAYS)))
                .put("/api/v1/performance/estimators/" + system).then().statusCode(200)
                .body("reference.predictions", equalTo(2400))
                .body("reference.labelled", equalTo(2400))
                .body("reference.days", equalTo(6))
                .body("threshold", equalTo(0.5))
                .body("calibration.requested", equalTo("ISOTONIC"))
                .body("calibration.applied", equalTo("ISOTONIC"))
                .body("calibration.eceBefore", greaterThan(0.04))
                .body("calibration.eceAfter", lessThan(0.04))
                .body("metrics.accuracy.referenceRange.mean", greaterThan(0.72))
                .body("metrics.roc_auc.samplingErrorStd", notNullValue());

        String ruleId = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                {"systemKey": "%s", "metric": "accuracy", "source": "ESTIMATED", "comparison": "BELOW",
                 "baseline": {"type": "FIXED", "value": 0.7}, "tolerance": {"absolute": 0.0}, "period": "P1D",
                 "consecutivePeriods": 2, "minSamplesPerPeriod": 100, "severity": "CRITICAL"}""".formatted(system))
                .post("/api/v1/rules").then().statusCode(201).body("source", equalTo("ESTIMATED")).extract().path("id");

        // Two days whose inputs crowd the decision boundary arrive over Kafka, without outcomes.
        List<Prediction> shifted = new ArrayList<>(day("new", 2, 0.25, 102));
        shifted.addAll(day("new", 1, 0.25, 101));
        TestTopics.sendAll(bootstrap, "refinery.metrics.samples", system,
                shifted.stream().map(p -> item(system, p, true, false)).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(system, "true") == 3200);

        given().header("Authorization", ADMIN).post("/api/v1/performance/estimators/" + system + "/estimate").then()
                .statusCode(200).body("systemKey", equalTo(system)); // the clocked job may have estimated some days first
        LocalDate yesterday = LocalDate.ofInstant(TODAY, ZoneOffset.UTC).minusDays(1);
        given().header("Authorization", VIEWER).queryParam("from", yesterday.minusDays(10).toString())
                .get("/api/v1/performance/estimators/" + system + "/days").then().statusCode(200)
                .body("days.size()", equalTo(8))
                .body("days[0].labelledShare", equalTo(1.0))
                .body("days[0].metrics.accuracy.source", equalTo("REALIZED"))
                .body("days[0].metrics.accuracy.gap", notNullValue())
                .body("days[7].day", equalTo(yesterday.toString()))
                .body("days[7].predictions", equalTo(400))
                .body("days[7].labelled", equalTo(0))
                .body("days[7].metrics.accuracy.source", equalTo("ESTIMATED"))
                .body("days[7].metrics.accuracy.value", lessThan(0.66))
                .body("days[7].metrics.accuracy.realized", nullValue())
                .body("days[7].metrics.accuracy.outsideReferenceRange", equalTo(true))
                .body("days[7].metrics.accuracy.samplingError", greaterThan(0.0))
                .body("days[7].metrics.roc_auc.estimated", lessThan(0.7));

        given().header("Authorization", ADMIN).queryParam("at", Instant.now().toString())
                .post("/api/v1/rules/" + ruleId + "/evaluate").then().statusCode(200)
                .body("state", equalTo("FIRING"))
                .body("alert.valueSource", equalTo("ESTIMATED"))
                .body("alert.evidence.note", containsString("ESTIMATE"));
        List<ConsumerRecord<String, String>> fired = TestTopics.awaitRecord(bootstrap, "refinery.metrics.alerts",
                r -> system.equals(r.key()) && r.value().contains(ruleId), Duration.ofSeconds(20));
        JsonNode event = JSON.readTree(fired.get(fired.size() - 1).value());
        assertThat(event.get("type").asText()).isEqualTo("io.refinery.metrics.alert.fired.v1");
        assertThat(event.at("/data/metric").asText()).isEqualTo("accuracy");
        assertThat(event.at("/data/valueSource").asText()).isEqualTo("ESTIMATED");
        assertThat(event.at("/data/breachingPeriods").size()).isEqualTo(2);
        List<ConsumerRecord<String, String>> requests = TestTopics.awaitRecord(bootstrap, "refinery.oversight.requests",
                r -> system.equals(r.key()) && r.value().contains("ALERT_REVIEW"), Duration.ofSeconds(20));
        assertThat(JSON.readTree(requests.get(requests.size() - 1).value()).at("/data/summary").asText())
                .startsWith("CRITICAL estimated accuracy of " + system);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics").then().body(containsString(
                "refinery_performance{metric=\"accuracy\",source=\"ESTIMATED\",system=\"" + system + "\"}")));

        // The outcomes arrive (the same ids, outcome only): the realized values replace the estimates.
        post(shifted.stream().map(p -> item(system, p, false, true)).toList());
        assertThat(stored(system, "outcome_number is not null")).isEqualTo(3200);
        given().header("Authorization", ADMIN).post("/api/v1/performance/estimators/" + system + "/estimate").then()
                .statusCode(200).body("systemKey", equalTo(system));
        given().header("Authorization", VIEWER).queryParam("from", yesterday.toString()).queryParam("metric", "accuracy")
                .get("/api/v1/performance/estimators/" + system + "/days").then().statusCode(200)
                .body("days.size()", equalTo(1))
                .body("days[0].metrics.size()", equalTo(1))
                .body("days[0].metrics.accuracy.source", equalTo("REALIZED"))
                .body("days[0].metrics.accuracy.realized", lessThan(0.7))
                .body("days[0].metrics.accuracy.gap", notNullValue());
        io.restassured.path.json.JsonPath view = given().header("Authorization", VIEWER)
                .get("/api/v1/performance/estimators/" + system).then().statusCode(200).extract().jsonPath();
        System.out.printf("performance estimation flow: ECE %.4f -> %.4f; yesterday's accuracy estimated %.4f, realized %.4f;"
                + " mean |gap| over %s days %.4f%n", view.getDouble("calibration.eceBefore"),
                view.getDouble("calibration.eceAfter"), given().header("Authorization", VIEWER)
                        .queryParam("from", yesterday.toString()).get("/api/v1/performance/estimators/" + system + "/days")
                        .then().extract().jsonPath().getDouble("days[0].metrics.accuracy.estimated"),
                given().header("Authorization", VIEWER).queryParam("from", yesterday.toString())
                        .get("/api/v1/performance/estimators/" + system + "/days").then().extract().jsonPath()
                        .getDouble("days[0].metrics.accuracy.realized"),
                view.get("metrics.accuracy.daysRealized"), view.getDouble("metrics.accuracy.meanAbsoluteGap"));
        given().header("Authorization", VIEWER).get("/api/v1/performance/estimators/" + system).then().statusCode(200)
                .body("metrics.accuracy.daysRealized", equalTo(8))
                .body("metrics.accuracy.meanAbsoluteGap", lessThan(0.06))
                .body("lastEstimatedAt", notNullValue());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("refinery_performance{metric=\"accuracy\",source=\"REALIZED\",system=\"" + system + "\"}"))
                .body(containsString("refinery_performance_estimate_gap{metric=\"accuracy\",system=\"" + system + "\"}")));

        // Removed: its days go with it, the rule stays and judges nothing until an estimator is fitted again.
        given().header("Authorization", VIEWER).delete("/api/v1/performance/estimators/" + system).then().statusCode(403);
        given().header("Authorization", ADMIN).delete("/api/v1/performance/estimators/" + system).then().statusCode(204);
        given().header("Authorization", ADMIN).delete("/api/v1/performance/estimators/" + system).then().statusCode(404);
        given().header("Authorization", VIEWER).get("/api/v1/performance/estimators/" + system + "/days").then()
                .statusCode(404);
        assertThat(RefineryTestResource.database().queryLong(
                "select count(*) from metrics.performance_estimates where system_key = '" + system + "'")).isZero();
        given().header("Authorization", ADMIN).queryParam("at", Instant.now().toString())
                .post("/api/v1/rules/" + ruleId + "/evaluate").then().statusCode(200)
                .body("consecutiveBreaches", equalTo(0));
    }

    @Test
    void badSettingsAndRulesAreRefusedWithTheFieldAtFault() {
        String system = "perf-empty";
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), system);
        String path = "/api/v1/performance/estimators/" + system;
        String from = TODAY.minus(5, ChronoUnit.DAYS).toString();
        String to = TODAY.minus(1, ChronoUnit.DAYS).toString();
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"referenceFrom\": \"%s\", \"referenceTo\": \"%s\", \"threshold\": 1.5, \"realizedFromLabelledShare\": 0}"
                        .formatted(to, from))
                .put(path).then().statusCode(422).contentType(containsString("application/problem+json"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("referenceTo", "threshold",
                        "realizedFromLabelledShare"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"referenceFrom\": \"%s\", \"referenceTo\": \"%s\"}".formatted(from, to))
                .put(path).then().statusCode(422).body("errors[0].field", equalTo("referenceFrom"))
                .body("errors[0].message", containsString("0 labelled predictions"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"referenceFrom\": \"%s\"}".formatted(from))
                .put(path).then().statusCode(400).body("errors[0].field", containsString("referenceTo"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"referenceFrom\": \"%s\", \"referenceTo\": \"%s\", \"calibration\": \"MAGIC\"}".formatted(from, to))
                .put(path).then().statusCode(400);
        given().header("Authorization", VIEWER).contentType(ContentType.JSON)
                .body("{\"referenceFrom\": \"%s\", \"referenceTo\": \"%s\"}".formatted(from, to)).put(path).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").put(path).then().statusCode(401);
        given().header("Authorization", VIEWER).get(path).then().statusCode(404);
        given().header("Authorization", VIEWER).get(path + "/days").then().statusCode(404);
        given().header("Authorization", ADMIN).post(path + "/estimate").then().statusCode(404);
        given().header("Authorization", VIEWER).queryParam("metric", "ctr").get(path + "/days").then().statusCode(400)
                .body("errors[0].field", equalTo("metric"));
        given().header("Authorization", VIEWER).queryParam("from", "yesterday").get(path + "/days").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));

        String rule = """
                {"systemKey": "%s", "metric": "%s", "source": "ESTIMATED", "comparison": "BELOW",
                 "baseline": {"type": "FIXED", "value": 0.7}, "tolerance": {"absolute": 0.0}, "period": "%s",
                 "consecutivePeriods": 2, "severity": "WARNING"}""";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(rule.formatted(system, "ctr", "P1D"))
                .post("/api/v1/rules").then().statusCode(400).body("errors[0].field", equalTo("metric"))
                .body("errors[0].message", containsString("roc_auc"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(rule.formatted(system, "recall", "PT1H"))
                .post("/api/v1/rules").then().statusCode(400).body("errors[0].field", equalTo("period"));
    }
}
