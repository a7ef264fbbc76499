package io.refinery.oversight.review.api;

import static io.refinery.oversight.OversightApi.ALICE;
import static io.refinery.oversight.OversightApi.VIEWER;
import static io.refinery.oversight.OversightApi.decide;
import static io.refinery.oversight.OversightApi.json;
import static io.refinery.oversight.OversightApi.last;
import static io.refinery.oversight.OversightApi.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;

/** "Done when": an alert event from the real broker becomes one review, and its decision event reaches the broker. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class AlertToDecisionFlowTest {

    /** The request metrics-service's AlertEvents sends on refinery.oversight.requests. */
    private static String alertReviewRequest(String eventId, UUID requestId, UUID alertId, String firedEventId) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/metrics-service", "type": "io.refinery.metrics.review.requested.v1",
                 "subject": "checkout-reco", "time": "%s", "datacontenttype": "application/json",
                 "data": {"id": "%s", "systemKey": "checkout-reco", "actionType": "ALERT_REVIEW",
                          "summary": "CRITICAL conversion_rate of checkout-reco below baseline for 2 consecutive DAY period(s)",
                          "payload": {"alertId": "%s", "metric": "conversion_rate", "severity": "CRITICAL"},
                          "magnitude": 0.31, "amount": null, "confidence": null,
                          "source": {"service": "metrics-service", "eventId": "%s"}}}
                """.formatted(eventId, Instant.now(), requestId, alertId, firedEventId);
    }

    @Test
    void anAlertFromTheBrokerBecomesOneReviewAndItsDecisionReachesTheBroker() throws Exception {
        register("checkout-reco", "MEDIUM");
        UUID requestId = UUID.randomUUID();
        UUID alertId = UUID.randomUUID();
        String firedEventId = UUID.randomUUID().toString();
        String event = alertReviewRequest(UUID.randomUUID().toString(), requestId, alertId, firedEventId);
        String bootstrap = RefineryTestResource.bootstrapServers();
        TestTopics.sendCloudEvent(bootstrap, "refinery.oversight.requests", "checkout-reco", event);
        // the same event redelivered, and another event about the same source event: still one review
        TestTopics.sendCloudEvent(bootstrap, "refinery.oversight.requests", "checkout-reco", event);
        TestTopics.sendCloudEvent(bootstrap, "refinery.oversight.requests", "checkout-reco",
                alertReviewRequest(UUID.randomUUID().toString(), UUID.randomUUID(), alertId, firedEventId));
        TestTopics.send(bootstrap, "refinery.oversight.requests", "checkout-reco", "{not json");

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/reviews/" + requestId).then().statusCode(200));
        TestTopics.awaitRecord(bootstrap, "refinery.oversight.requests.dlq", r -> r.value().contains("{not json"),
                Duration.ofSeconds(30));
        assertThat(RefineryTestResource.database().queryLong(
                "select count(*) from oversight.reviews where source_event_id = ?", firedEventId)).isEqualTo(1);

        given().header("Authorization", VIEWER).get("/api/v1/reviews/" + requestId).then()
                .body("state", equalTo("PENDING")).body("tier", equalTo("REVIEW_AND_APPROVAL"))
                .body("submittedBy", equalTo("metrics-service")).body("payload.alertId", equalTo(alertId.toString()));
        given().header("Authorization", VIEWER).get("/api/v1/reviews/" + requestId + "/evidence").then().statusCode(200)
                .body("parts.name", org.hamcrest.Matchers.hasItems("alert", "metricSeries", "latestDrift", "feedbackThemes",
                        "runningExperiments"))
                .body("parts.status", org.hamcrest.Matchers.everyItem(equalTo("UNAVAILABLE")))
                .body("parts.find { it.name == 'metricSeries' }.url", org.hamcrest.Matchers.containsString(
                        "/api/v1/systems/checkout-reco/metrics/conversion_rate/series?from="))
                .body("parts.find { it.name == 'latestDrift' }.url", org.hamcrest.Matchers.endsWith(
                        "/api/v1/drift/runs?systemKey=checkout-reco&limit=1"));
        decide(ALICE, requestId, "APPROVE").statusCode(200).body("state", equalTo("APPROVED"));

        var record = last(TestTopics.awaitRecord(bootstrap, "refinery.oversight.decisions",
                r -> r.value().contains(requestId.toString()), Duration.ofSeconds(20)));
        assertThat(record.key()).isEqualTo("checkout-reco");
        JsonNode decision = json(record.value());
        assertThat(decision.path("type").asText()).isEqualTo("io.refinery.oversight.decision.made.v1");
        JsonNode data = decision.path("data");
        assertThat(data.path("requestId").asText()).isEqualTo(requestId.toString());
        assertThat(data.path("systemKey").asText()).isEqualTo("checkout-reco");
        assertThat(data.path("actionType").asText()).isEqualTo("ALERT_REVIEW");
        assertThat(data.path("outcome").asText()).isEqualTo("APPROVE");
        assertThat(data.path("decidedBy").asText()).isEqualTo("alice");
        assertThat(data.path("rationale").asText()).isEqualTo("checked the margin");
        assertThat(Instant.parse(data.path("decidedAt").asText())).isNotNull();
    }
}
