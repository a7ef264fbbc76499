package io.refinery.oversight.timeline.api;

import static io.refinery.oversight.OversightApi.ALICE;
import static io.refinery.oversight.OversightApi.INGEST;
import static io.refinery.oversight.OversightApi.VIEWER;
import static io.refinery.oversight.OversightApi.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;

/**
 * The system timeline and the learnings report, fed by the other services' events on the real broker: what each
 * service publishes (shapes as in their messaging packages) is heard once, merged with this service's own audit log
 * in time order, and summed up in the report with its gaps and signals.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class TimelineAndLearningsTest {

    private static final String SYSTEM = "timeline-reco";
    private static final Instant BASE = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private static final UUID HOLDOUT_ID = UUID.randomUUID();

    @BeforeAll
    static void config() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    private static String event(String id, String source, String type, Instant at, String data) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/%s", "type": "%s", "subject": "%s", "time": "%s",
                 "datacontenttype": "application/json", "data": %s}""".formatted(id, source, type, SYSTEM, at, data);
    }

    /** Sends {@code io.refinery.experiments.<kind>} at {@code at} with data naming this test's system. */
    private static void lifecycle(String bootstrap, String kind, Instant at, String data) throws Exception {
        TestTopics.sendCloudEvent(bootstrap, "refinery.experiments.lifecycle", SYSTEM, event(UUID.randomUUID().toString(),
                "experiment-service", "io.refinery.experiments." + kind, at, data.formatted(SYSTEM)));
    }

    /** A reading of the holdout reco-holdout: 5 % of units held out, two changes shipped meanwhile. */
    private static String holdoutReading(double lift, double low, double high, double p, String advice, Instant at,
            boolean last) {
        return """
                {"experimentId": "%s", "holdoutKey": "reco-holdout", "systemKey": "%%s", "metric": "conversion_rate",
                 "share": 0.05, "heldOutUnits": 500, "exposedUnits": 9500, "relativeLift": %s, "ciLow": %s, "ciHigh": %s,
                 "pValue": %s, "advice": "%s", "shipped": ["hero-copy:short", "rollout:short-copy-eu"],
                 "startedAt": "%s", "measuredAt": "%s", "finalReading": %s}""".formatted(HOLDOUT_ID, lift, low, high, p,
                advice, at(13), at, last);
    }

    private static Instant at(int hours) {
        return BASE.plus(hours, ChronoUnit.HOURS);
    }

    @Test
    void eventsOfEveryServiceMakeOneTimelineAndAReportWithGapsAndSignals() throws Exception {
        register(SYSTEM, "MEDIUM");
        String bootstrap = RefineryTestResource.bootstrapServers();
        UUID alertId = UUID.randomUUID();
        UUID remediationRequest = UUID.randomUUID();
        String fired = event(UUID.randomUUID().toString(), "metrics-service", "io.refinery.metrics.alert.fired.v1", at(2), """
                {"alertId": "%s", "systemKey": "%s", "metric": "conversion_rate", "segment": null, "severity": "CRITICAL",
                 "rule": {"comparison": "BELOW", "consecutivePeriods": 5}, "consecutiveBreaches": 5, "firedAt": "%s"}"""
                .formatted(alertId, SYSTEM, at(2)));
        TestTopics.sendCloudEvent(bootstrap, "refinery.experiments.lifecycle", SYSTEM, event(UUID.randomUUID().toString(),
                "experiment-service", "io.refinery.experiments.experiment.started.v1", at(1), """
                {"experimentKey": "hero-copy", "systemKey": "%s", "kind": "CONTENT", "hypothesis": "Shorter copy converts better"}"""
                        .formatted(SYSTEM)));
        TestTopics.sendCloudEvent(bootstrap, "refinery.metrics.alerts", SYSTEM, fired);
        TestTopics.sendCloudEvent(bootstrap, "refinery.metrics.alerts", SYSTEM, fired); // redelivered: kept once
        TestTopics.sendCloudEvent(bootstrap, "refinery.metrics.drift", SYSTEM, event(UUID.randomUUID().toString(),
                "metrics-service", "io.refinery.metrics.drift.detected.v1", at(3), """
                {"detectionId": "%s", "kind": "DATA", "systemKey": "%s", "monitorName": "inputs", "oversightRequestId": "%s",
                 "detectedAt": "%s",
                 "features": [{"feature": "price", "drifted": true}, {"feature": "device", "drifted": true},
                              {"feature": "basket", "drifted": false}],
                 "recommendation": {"action": "RETRAIN", "reasons": ["broad data drift"]}}""".formatted(UUID.randomUUID(), SYSTEM,
                        remediationRequest, at(3))));
        TestTopics.sendCloudEvent(bootstrap, "refinery.metrics.drift", SYSTEM, event(UUID.randomUUID().toString(),
                "metrics-service", "io.refinery.metrics.drift.detected.v1", at(4), """
                {"detectionId": "%s", "kind": "CONCEPT", "systemKey": "%s", "oversightRequestId": "%s", "detectedAt": "%s",
                 "concept": {"detector": "ADWIN", "updates": 1200, "errorBefore": 0.1, "errorAfter": 0.31},
                 "recommendation": {"action": "RETRAIN", "reasons": ["error rate jumped"]}}""".formatted(UUID.randomUUID(), SYSTEM,
                        UUID.randomUUID(), at(4))));
        TestTopics.sendCloudEvent(bootstrap, "refinery.feedback.insights", SYSTEM, event(UUID.randomUUID().toString(),
                "feedback-service", "io.refinery.feedback.contradiction.detected.v1", at(5), """
                {"contradictionId": "%s", "systemKey": "%s", "kind": "METRIC_UP_CUSTOMERS_UNHAPPY", "detectedAt": "%s",
                 "summary": "conversion_rate rose while negative support reviews doubled"}""".formatted(UUID.randomUUID(), SYSTEM,
                        at(5))));
        TestTopics.sendCloudEvent(bootstrap, "refinery.metrics.alerts", SYSTEM, event(UUID.randomUUID().toString(),
                "metrics-service", "io.refinery.metrics.alert.resolved.v1", at(8), """
                {"alertId": "%s", "systemKey": "%s", "metric": "conversion_rate", "severity": "CRITICAL", "resolvedAt": "%s"}"""
                        .formatted(alertId, SYSTEM, at(8))));
        TestTopics.sendCloudEvent(bootstrap, "refinery.experiments.lifecycle", SYSTEM, event(UUID.randomUUID().toString(),
                "experiment-service", "io.refinery.experiments.experiment.concluded.v1", at(9), """
                {"experimentKey": "hero-copy", "systemKey": "%s", "decision": "SHIP:short",
                 "evaluation": {"primaryMetric": {"comparisons": [{"variant": "short", "relativeLift": 0.042}]}}}"""
                        .formatted(SYSTEM)));
        TestTopics.sendCloudEvent(bootstrap, "refinery.experiments.lifecycle", SYSTEM, event(UUID.randomUUID().toString(),
                "experiment-service", "io.refinery.experiments.coverage.gap-opened.v1", at(10),
                "{\"systemKey\": \"%s\", \"openedAt\": \"%s\"}".formatted(SYSTEM, at(10))));
        TestTopics.sendCloudEvent(bootstrap, "refinery.experiments.lifecycle", SYSTEM, event(UUID.randomUUID().toString(),
                "experiment-service", "io.refinery.experiments.rollout.phase-approved.v1", at(11),
                "{\"systemKey\": \"%s\", \"rolloutKey\": \"short-copy-eu\", \"step\": \"phase-approved\", \"phase\": \"one category\"}".formatted(SYSTEM)));
        // An A/A test that failed and a holdout read twice, then released: counted apart from the experiments.
        lifecycle(bootstrap, "experiment.started.v1", at(12), """
                {"experimentKey": "aa-check", "systemKey": "%s", "kind": "AA_TEST", "hypothesis": "The split is sound"}""");
        lifecycle(bootstrap, "experiment.started.v1", at(13), """
                {"experimentKey": "reco-holdout", "systemKey": "%s", "kind": "HOLDOUT", "hypothesis": "What ships helps"}""");
        lifecycle(bootstrap, "holdout.measured.v1", at(14), holdoutReading(0.012, 0.001, 0.023, 0.04, "KEEP_RUNNING", at(14),
                false));
        lifecycle(bootstrap, "experiment.concluded.v1", at(15), """
                {"experimentKey": "aa-check", "systemKey": "%s", "decision": "INCONCLUSIVE",
                 "evaluation": {"recommendation": {"decision": "INCONCLUSIVE", "advice": "AA_FAILED"}}}""");
        lifecycle(bootstrap, "holdout.measured.v1", at(16), holdoutReading(-0.021, -0.034, -0.008, 0.003,
                "IMPACT_NEGATIVE", at(16), true));
        lifecycle(bootstrap, "experiment.concluded.v1", at(17), """
                {"experimentKey": "reco-holdout", "systemKey": "%s", "decision": "RELEASE"}""");
        TestTopics.send(bootstrap, "refinery.feedback.insights", SYSTEM, "{not json");

        // The drift's remediation request is decided here: the reviewer prefers adjusting parameters.
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("""
                {"id": "%s", "systemKey": "%s", "actionType": "DRIFT_REMEDIATION", "summary": "Data drift on inputs: retrain",
                 "payload": {"action": "RETRAIN"}, "magnitude": 0.67}""".formatted(remediationRequest, SYSTEM))
                .post("/api/v1/reviews").then().statusCode(201);
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("""
                {"outcome": "MODIFY", "rationale": "promotion effect, recalibrate first",
                 "modifications": {"action": "ADJUST_PARAMETERS"}}""")
                .post("/api/v1/reviews/" + remediationRequest + "/decision").then().statusCode(200);

        String timeline = "/api/v1/systems/" + SYSTEM + "/timeline";
        String from = BASE.toString();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .queryParam("from", from).queryParam("category", "ALERT,DRIFT,EXPERIMENT,ROLLOUT,FEEDBACK")
                .get(timeline).then().statusCode(200).body("items.size()", equalTo(15)));
        TestTopics.awaitRecord(bootstrap, "refinery.feedback.insights.dlq", r -> r.value().contains("{not json"),
                Duration.ofSeconds(30));

        given().header("Authorization", VIEWER).queryParam("from", from).get(timeline).then().statusCode(200)
                .body("items.category", equalTo(List.of("EXPERIMENT", "ALERT", "DRIFT", "DRIFT", "FEEDBACK", "ALERT",
                        "EXPERIMENT", "EXPERIMENT", "ROLLOUT", "EXPERIMENT", "EXPERIMENT", "EXPERIMENT", "EXPERIMENT",
                        "EXPERIMENT", "EXPERIMENT", "OVERSIGHT", "OVERSIGHT")))
                .body("items[0].summary", equalTo("Experiment hero-copy started (CONTENT): Shorter copy converts better"))
                .body("items[0].source", equalTo("experiment-service"))
                .body("items[1].summary", equalTo(
                        "CRITICAL alert fired: conversion_rate below baseline for 5 consecutive period(s)"))
                .body("items[2].summary", equalTo("Data drift: 2 of 3 feature(s) drifted: inputs; recommended RETRAIN"))
                .body("items[3].summary", equalTo("Concept drift (ADWIN): prediction error 0.100 → 0.310; recommended RETRAIN"))
                .body("items[5].summary", equalTo("Alert on conversion_rate resolved"))
                .body("items[7].summary", equalTo("Coverage gap opened: no running experiment"))
                .body("items[8].summary", equalTo("Rollout short-copy-eu: phase approved (phase one category)"))
                .body("items[11].summary", equalTo("Holdout reco-holdout on " + SYSTEM + ": shipped changes lift "
                        + "conversion_rate by +1.20 % [0.1 %, 2.3 %] against 5 % held out (p = 0.040), 2 changes shipped"))
                .body("items[13].summary", equalTo("Holdout reco-holdout on " + SYSTEM + " ended: shipped changes lift "
                        + "conversion_rate by -2.10 % [-3.4 %, -0.8 %] against 5 % held out (p = 0.003), 2 changes shipped"))
                .body("items[13].data.heldOutUnits", equalTo(500))
                .body("items[14].summary", equalTo("Experiment reco-holdout concluded: RELEASE"))
                .body("items[15].summary", equalTo("Oversight request submitted (DRIFT_REMEDIATION), tier REVIEW_AND_APPROVAL"))
                .body("items[15].actor", equalTo("pricing-bot"))
                .body("items[16].summary", equalTo("Review decided (DRIFT_REMEDIATION): MODIFY"))
                .body("items[1].data.alertId", equalTo(alertId.toString()));

        // What changed just before the alert fired: newest first up to it, two at a time.
        var page = given().header("Authorization", VIEWER).queryParam("from", from).queryParam("to", at(3).toString())
                .queryParam("order", "desc").queryParam("limit", "1").get(timeline).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].category", equalTo("ALERT"))
                .body("nextCursor", notNullValue()).extract();
        given().header("Authorization", VIEWER).queryParam("from", from).queryParam("to", at(3).toString())
                .queryParam("order", "desc").queryParam("limit", "1").queryParam("cursor", page.path("nextCursor").toString())
                .get(timeline).then().statusCode(200)
                .body("items[0].category", equalTo("EXPERIMENT")).body("nextCursor", nullValue());

        given().header("Authorization", VIEWER).queryParam("category", "SIDEWAYS").get(timeline).then().statusCode(400)
                .body("errors[0].field", equalTo("category"));
        given().header("Authorization", VIEWER).queryParam("from", "yesterday").get(timeline).then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().header("Authorization", VIEWER).queryParam("order", "sideways").get(timeline).then().statusCode(400)
                .body("errors[0].field", equalTo("order"));
        given().header("Authorization", VIEWER).get("/api/v1/systems/no-such-system/timeline").then().statusCode(404);
        given().get(timeline).then().statusCode(401);

        // The learnings report over the same period.
        String to = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        String own = "systems.find { it.systemKey == '" + SYSTEM + "' }.numbers.";
        given().header("Authorization", VIEWER).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/reports/learnings").then().statusCode(200)
                .body("period.from", equalTo(from))
                .body(own + "alerts.fired", equalTo(1))
                .body(own + "alerts.resolved", equalTo(1))
                .body(own + "alerts.medianHoursToResolution", equalTo(6.0))
                .body(own + "drift.detections", equalTo(2))
                .body(own + "drift.byKind.DATA", equalTo(1))
                .body(own + "drift.chosen.ADJUST_PARAMETERS", equalTo(1))
                .body(own + "drift.undecided", equalTo(1))
                .body(own + "experiments.started", equalTo(1))
                .body(own + "experiments.concluded", equalTo(1))
                .body(own + "experiments.winRate", equalTo(1.0))
                .body(own + "experiments.medianLift", equalTo(0.042))
                .body(own + "experiments.coverageGapsOpened", equalTo(1))
                .body(own + "experiments.inconclusive", equalTo(0))
                .body(own + "experiments.aaTestsStarted", equalTo(1))
                .body(own + "experiments.aaTestsConcluded", equalTo(1))
                .body(own + "experiments.aaTestsFailed", equalTo(1))
                .body(own + "experiments.holdoutsStarted", equalTo(1))
                .body(own + "experiments.holdoutsConcluded", equalTo(1))
                .body(own + "holdouts.readings.size()", equalTo(1))
                .body(own + "holdouts.readings[0].systemKey", equalTo(SYSTEM))
                .body(own + "holdouts.readings[0].holdoutKey", equalTo("reco-holdout"))
                .body(own + "holdouts.readings[0].metric", equalTo("conversion_rate"))
                .body(own + "holdouts.readings[0].share", equalTo(0.05))
                .body(own + "holdouts.readings[0].heldOutUnits", equalTo(500))
                .body(own + "holdouts.readings[0].exposedUnits", equalTo(9500))
                .body(own + "holdouts.readings[0].relativeLift", equalTo(-0.021))
                .body(own + "holdouts.readings[0].ciLow", equalTo(-0.034))
                .body(own + "holdouts.readings[0].ciHigh", equalTo(-0.008))
                .body(own + "holdouts.readings[0].pValue", equalTo(0.003))
                .body(own + "holdouts.readings[0].advice", equalTo("IMPACT_NEGATIVE"))
                .body(own + "holdouts.readings[0].shippedCount", equalTo(2))
                .body(own + "holdouts.readings[0].shipped", equalTo(List.of("hero-copy:short", "rollout:short-copy-eu")))
                .body(own + "holdouts.readings[0].measuredAt", equalTo(at(16).toString()))
                .body(own + "holdouts.readings[0].finalReading", equalTo(true))
                .body(own + "feedback.contradictions", equalTo(1))
                .body(own + "oversight.requests", equalTo(1))
                .body(own + "oversight.decided", equalTo(1))
                .body(own + "oversight.modificationRate", equalTo(1.0))
                .body(own + "rollouts.rollouts", equalTo(1))
                .body(own + "rollouts.events.phase-approved", equalTo(1))
                .body("capabilityGaps.findAll { it.systemKey == '" + SYSTEM + "' }.code",
                        hasItems("REPEATED_DRIFT_WITHOUT_RETRAINING", "NO_EXPERIMENTS"))
                .body("roadmapSignals.findAll { it.systemKey == '" + SYSTEM + "' }.code",
                        hasItems("STRONG_DISCOVERY_WEAK_CONVERSION", "SHIPPED_CHANGES_HURT"))
                .body("roadmapSignals.find { it.code == 'SHIPPED_CHANGES_HURT' && it.systemKey == '" + SYSTEM
                        + "' }.evidence", equalTo("holdout reco-holdout ended: conversion_rate -2.1% [-3.4%, -0.8%] "
                                + "against 5% held out (p = 0.003); 2 change(s) shipped: hero-copy:short, rollout:short-copy-eu"));

        String markdown = given().header("Authorization", VIEWER).accept("text/markdown").queryParam("from", from)
                .queryParam("to", to).get("/api/v1/reports/learnings").then().statusCode(200)
                .contentType(containsString("text/markdown")).extract().asString();
        assertThat(markdown).startsWith("# Learnings report\n")
                .contains("| System | Fired | Resolved | Unresolved | Median hours to resolve | Fired by metric |")
                .contains("| " + SYSTEM + " | 1 | 1 | 0 | 6.0 | conversion_rate 1 |")
                .contains("## Holdouts: cumulative impact of what shipped")
                .contains("| " + SYSTEM + " | reco-holdout | conversion_rate | 5.0% | 500 / 9500 | -2.1% | [-3.4%, -0.8%] | "
                        + "0.003 | IMPACT_NEGATIVE | 2: hero-copy:short, rollout:short-copy-eu | " + at(16) + " | final |")
                .contains("## Capability gaps")
                .contains("| " + SYSTEM + " | `STRONG_DISCOVERY_WEAK_CONVERSION` | Strong discovery, weak conversion");

        given().header("Authorization", VIEWER).queryParam("quarter", "2026-Q4").get("/api/v1/reports/learnings").then()
                .statusCode(200).body("period.label", equalTo("2026-Q4"))
                .body("period.from", equalTo("2026-10-01T00:00:00Z")).body("period.to", equalTo("2027-01-01T00:00:00Z"));
        given().header("Authorization", VIEWER).queryParam("quarter", "2026-Q5").get("/api/v1/reports/learnings").then()
                .statusCode(400).body("errors[0].field", equalTo("quarter"));
        given().header("Authorization", VIEWER).queryParam("from", from).get("/api/v1/reports/learnings").then()
                .statusCode(400).body("errors[0].field", equalTo("to"));
        given().get("/api/v1/reports/learnings").then().statusCode(401);
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/systems/{key}/timeline"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/reports/learnings"));
    }
}
