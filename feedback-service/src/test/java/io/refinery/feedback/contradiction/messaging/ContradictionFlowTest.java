package io.refinery.feedback.contradiction.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.platform.events.RollupClosed;
import io.refinery.platform.outbox.CloudEvent;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.events.SystemEvents;
import io.refinery.testing.kafka.TestTopics;
import io.refinery.platform.events.ReviewRequested;
import io.refinery.feedback.insight.domain.FeedbackRequests;
import io.refinery.platform.events.InsightEvent;

/**
 * The contradiction flow on the real broker and database: feedback arrives on refinery.feedback.submissions, the
 * closed days of CTR arrive on refinery.metrics.rollups as metrics-service publishes them, and a rising CTR with
 * customers turning negative yields one stored contradiction, one insight and one CONTRADICTION_REVIEW request.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ContradictionFlowTest {

    private static final String VIEWER = TestTokens.bearer("victor", "viewer");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The window is the 7 closed days 2026-11-10..16; the span before it is 2026-11-03..09. */
    private static final Instant FIRST_DAY = Instant.parse("2026-11-10T00:00:00Z");
    private static final Instant BEFORE = Instant.parse("2026-11-05T12:00:00Z");
    private static final Instant DURING = Instant.parse("2026-11-14T12:00:00Z");
    private static final double[] RISING_CTR = { 0.030, 0.031, 0.033, 0.034, 0.036, 0.038, 0.041 };
    private static final String HAPPY = "Great bot, quick and helpful, it answered my question";
    private static final String ANGRY = "Terrible bot, it gave me wrong information and I could not talk to a human";

    @Test
    void risingCtrWhileCustomersTurnNegativeIsAContradictionReportedOnce() throws Exception {
        String system = "contra-bot";
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), system);
        submitFeedback(system, 40, 4, 40, 30);
        List<String> rollups = rollups(system, RISING_CTR);
        TestTopics.sendAll(RefineryTestResource.bootstrapServers(), RollupClosed.TOPIC, system, rollups);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .queryParam("systemKey", system).get("/api/v1/contradictions").then().statusCode(200)
                .body("items", hasSize(1)));
        JsonNode stored = JSON.readTree(given().header("Authorization", VIEWER).queryParam("systemKey", system)
                .get("/api/v1/contradictions").then().extract().asString()).at("/items/0");
        assertThat(stored.get("kind").asText()).isEqualTo("METRIC_UP_SENTIMENT_DOWN");
        assertThat(stored.get("metric").asText()).isEqualTo("ctr");
        assertThat(stored.get("windowStart").asText()).isEqualTo("2026-11-10T00:00:00Z");
        assertThat(stored.get("periodEnd").asText()).isEqualTo("2026-11-17T00:00:00Z");
        assertThat(stored.get("items").asLong()).isEqualTo(40);
        assertThat(stored.get("negative").asLong()).isEqualTo(30);
        assertThat(stored.get("itemsBefore").asLong()).isEqualTo(40);
        assertThat(stored.get("negativeBefore").asLong()).isEqualTo(4);
        assertThat(stored.get("metricValues")).hasSize(7);
        assertThat(stored.get("sentimentP").asDouble()).isLessThan(0.001);
        assertThat(stored.get("metricP").asDouble()).isLessThan(0.05);
        assertThat(stored.at("/themes/0/theme").asText()).isIn("wrong-information", "cannot-reach-human");
        assertThat(stored.get("examples")).hasSize(3);
        assertThat(stored.at("/examples/0/text").asText()).isEqualTo(ANGRY);
        String summary = stored.get("summary").asText();
        assertThat(summary).contains("The metrics say better: ctr rose over 7 periods", "Customers say worse: 75% of 40",
                "10% of 40", "wrong-information (30)", "Examples: \"" + ANGRY);
        String id = stored.get("id").asText();
        given().header("Authorization", VIEWER).get("/api/v1/contradictions/" + id).then().statusCode(200)
                .body("summary", equalTo(summary));

        JsonNode insight = data(TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(), InsightEvent.TOPIC,
                r -> system.equals(r.key()) && r.value().contains(InsightEvent.ContradictionDetected.TYPE), Duration.ofSeconds(20)));
        assertThat(insight.get("contradictionId").asText()).isEqualTo(id);
        assertThat(insight.at("/metric/direction").asText()).isEqualTo("UP");
        assertThat(insight.at("/customers/shareNegative").asDouble()).isEqualTo(0.75);
        JsonNode request = data(TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(), ReviewRequested.TOPIC,
                r -> system.equals(r.key()) && r.value().contains(FeedbackRequests.CONTRADICTION_REVIEW), Duration.ofSeconds(20)));
        assertThat(request.get("actionType").asText()).isEqualTo("CONTRADICTION_REVIEW");
        assertThat(request.get("id").asText()).isEqualTo(stored.get("oversightRequestId").asText());
        assertThat(request.get("summary").asText()).isEqualTo(summary);
        assertThat(request.at("/source/service").asText()).isEqualTo("feedback-service");
        assertThat(request.at("/source/eventId").asText()).isEqualTo(stored.get("eventId").asText());
        assertThat(request.at("/payload/contradictionId").asText()).isEqualTo(id);

        // A redelivery of the last rollup, and the same period published again under a new event id, change nothing.
        String again = rollup(UUID.randomUUID(), system, "ctr", FIRST_DAY.plus(Duration.ofDays(6)), RISING_CTR[6]);
        TestTopics.sendAll(RefineryTestResource.bootstrapServers(), RollupClosed.TOPIC, system,
                List.of(rollups.get(6), again));
        awaitProcessed(again);
        given().header("Authorization", VIEWER).queryParam("systemKey", system).get("/api/v1/contradictions").then()
                .body("items", hasSize(1));
        assertThat(RefineryTestResource.database().queryLong("select count(*) from feedback.outbox where record_key = ?"
                + " and event_type = ?", system, InsightEvent.ContradictionDetected.TYPE)).isEqualTo(1);
    }

    @Test
    void theSameShiftFromTooFewCommentsRaisesNothing() throws Exception {
        String system = "contra-quiet";
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), system);
        // 1/10 negative before and 8/10 now would pass the z-test (p < 0.01): only the minimum volume (30) stops it.
        submitFeedback(system, 10, 1, 10, 8);
        List<String> rollups = rollups(system, RISING_CTR);
        TestTopics.sendAll(RefineryTestResource.bootstrapServers(), RollupClosed.TOPIC, system, rollups);
        awaitProcessed(rollups.get(6));
        assertThat(RefineryTestResource.database().queryLong(
                "select count(*) from feedback.metric_rollups where system_key = ?", system)).isEqualTo(7);
        given().header("Authorization", VIEWER).queryParam("systemKey", system).get("/api/v1/contradictions").then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    void customersTurningNegativeWhileTheMetricIsFlatIsNoContradiction() throws Exception {
        String system = "contra-flat";
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), system);
        submitFeedback(system, 40, 4, 40, 30);
        List<String> rollups = rollups(system, new double[] { 0.035, 0.031, 0.036, 0.030, 0.034, 0.032, 0.035 });
        TestTopics.sendAll(RefineryTestResource.bootstrapServers(), RollupClosed.TOPIC, system, rollups);
        awaitProcessed(rollups.get(6));
        given().header("Authorization", VIEWER).queryParam("systemKey", system).get("/api/v1/contradictions").then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anUnreadableRollupGoesToTheDeadLetterTopic() {
        String bad = """
                {"specversion": "1.0", "id": "%s", "source": "/metrics-service", "type": "%s", "subject": "contra-dlq",
                 "data": {"systemKey": "contra-dlq", "period": "P1D", "start": "2026-11-10T00:00:00Z",
                          "end": "2026-11-11T00:00:00Z", "value": 0.1, "samples": 10}}""".formatted(UUID.randomUUID(),
                RollupClosed.TYPE);
        TestTopics.sendCloudEvent(RefineryTestResource.bootstrapServers(), RollupClosed.TOPIC, "contra-dlq", bad);
        List<ConsumerRecord<String, String>> dead = TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(),
                RollupClosed.TOPIC + ".dlq", r -> "contra-dlq".equals(r.key()), Duration.ofSeconds(20));
        assertThat(dead.get(dead.size() - 1).value()).contains("\"period\": \"P1D\"");
        given().header("Authorization", VIEWER).get("/api/v1/contradictions/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().get("/api/v1/contradictions").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("shop", "ingest")).get("/api/v1/contradictions").then()
                .statusCode(403);
        given().header("Authorization", VIEWER).get("/api/v1/contradictions/" + UUID.randomUUID()).then()
                .statusCode(404).body(containsString("no contradiction"));
    }

    /** {@code before} items in the span before the window ({@code negBefore} of them angry), {@code now} in it. */
    private static void submitFeedback(String system, int before, int negBefore, int now, int negNow) throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < before; i++) {
            items.add(item(system, BEFORE, i < negBefore ? ANGRY : HAPPY, i));
        }
        for (int i = 0; i < now; i++) {
            items.add(item(system, DURING, i < negNow ? ANGRY : HAPPY, i));
        }
        TestTopics.sendAll(RefineryTestResource.bootstrapServers(), "refinery.feedback.submissions", system, items);
        await().atMost(Duration.ofSeconds(30)).until(() -> RefineryTestResource.database().queryLong(
                "select count(*) from feedback.feedback_items where system_key = ?", system) == before + now);
        assertThat(RefineryTestResource.database().queryLong("select count(*) from feedback.feedback_items"
                + " where system_key = ? and sentiment_label = 'NEGATIVE'", system)).isEqualTo(negBefore + negNow);
    }

    private static String item(String system, Instant at, String text, int i) {
        return """
                {"id": "%s", "systemKey": "%s", "channel": "%s", "customerSegment": "returning", "text": "%s",
                 "occurredAt": "%s", "source": {"platform": "app"}}""".formatted(UUID.randomUUID(), system,
                i % 2 == 0 ? "SUPPORT_REVIEW" : "SOCIAL", text, at.plusSeconds(i));
    }

    private static List<String> rollups(String system, double[] values) {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < values.length; d++) {
            out.add(rollup(UUID.randomUUID(), system, "ctr", FIRST_DAY.plus(Duration.ofDays(d)), values[d]));
        }
        return out;
    }

    /** Shaped as metrics-service's DayCloser publishes it (RollupClosed in a CloudEvent). */
    private static String rollup(UUID id, String system, String metric, Instant day, double value) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/metrics-service", "type": "%s", "subject": "%s",
                 "time": "%s", "datacontenttype": "application/json",
                 "data": {"systemKey": "%s", "metric": "%s", "period": "P1D", "start": "%s", "end": "%s",
                          "value": %s, "count": 1000, "samples": 1000, "min": 0, "max": 1,
                          "segments": [{"segment": "new", "value": %s, "count": 500, "samples": 500}]}}""".formatted(
                id, RollupClosed.TYPE, system, Instant.now(), system, metric, day, day.plus(Duration.ofDays(1)),
                value, value, value);
    }

    private static void awaitProcessed(String event) throws Exception {
        UUID id = UUID.fromString(JSON.readTree(event).get("id").asText());
        await().atMost(Duration.ofSeconds(30)).until(() -> RefineryTestResource.database().queryLong(
                "select count(*) from feedback.processed_events where consumer = 'rollups' and event_id = ?", id) == 1);
    }

    private static JsonNode data(List<ConsumerRecord<String, String>> seen) throws Exception {
        return JSON.readTree(seen.get(seen.size() - 1).value()).get("data");
    }
}
