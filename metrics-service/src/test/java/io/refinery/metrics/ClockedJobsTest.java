package io.refinery.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import io.restassured.http.ContentType;

/** The jobs that run on a clock: rule evaluation when a period closes, the daily rollup close, the gauges. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ClockedJobsTest {

    private static final String ADMIN = TestTokens.bearer("alice", "admin");
    private static final String VIEWER = TestTokens.bearer("victor", "viewer");
    private static final String INGEST = TestTokens.bearer("shop", "ingest");
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);

    private static void registerSystem(String key) {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), key);
    }

    private static void ingest(String system, String metric, int daysAgo, long clicks, long impressions, String segment) {
        Instant at = TODAY.minus(daysAgo, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS);
        String body = """
                [{"id": "%s", "systemKey": "%s", "metric": "%s", "numerator": %d, "denominator": %d, "observedAt": "%s",
                  "dimensions": {"segment": "%s"}}]""".formatted(UUID.randomUUID(), system, metric, clicks, impressions, at, segment);
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post("/api/v1/observations")
                .then().statusCode(202).body("accepted", equalTo(1));
    }

    @Test
    void whenARulesPeriodClosesTheSchedulerEvaluatesItAndTheGaugeShowsTheAlert() throws Exception {
        registerSystem("rule-scheduled");
        for (int daysAgo = 5; daysAgo >= 1; daysAgo--) {
            ingest("rule-scheduled", "ctr", daysAgo, 20, 1000, "new");
        }
        String ruleId = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                {"systemKey": "rule-scheduled", "metric": "ctr", "comparison": "BELOW",
                 "baseline": {"type": "FIXED", "value": 0.03}, "tolerance": {"relative": 0.10},
                 "period": "P1D", "consecutivePeriods": 5, "minSamplesPerPeriod": 100, "severity": "CRITICAL"}""")
                .post("/api/v1/rules").then().statusCode(201).extract().path("id");
        // The rule was created today, so its first evaluation is due after today closes: make it due now.
        RefineryTestResource.database().update("update metrics.rules set next_evaluation_at = ? where id = ?",
                Timestamp.from(Instant.now().minusSeconds(60)), UUID.fromString(ruleId));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .queryParam("systemKey", "rule-scheduled").get("/api/v1/alerts")
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].state", equalTo("FIRING")));
        given().header("Authorization", VIEWER).get("/api/v1/rules/" + ruleId).then()
                .body("lastEvaluatedAt", org.hamcrest.Matchers.notNullValue());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("refinery_alerts{severity=\"CRITICAL\",state=\"FIRING\",system=\"rule-scheduled\"} 1.0")));
    }

    @Test
    void eachClosedDayPublishesItsRollupsOnceWithSegments() throws Exception {
        registerSystem("rollup-sys");
        ingest("rollup-sys", "ctr", 1, 30, 1000, "new");
        ingest("rollup-sys", "ctr", 1, 10, 1000, "returning");
        // The job may have closed yesterday at start-up, before these observations: let it close it again.
        RefineryTestResource.database().update("delete from metrics.closed_periods where step = 'P1D' and bucket = ?",
                Timestamp.from(TODAY.minus(1, ChronoUnit.DAYS)));

        List<ConsumerRecord<String, String>> seen = TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(),
                "refinery.metrics.rollups", r -> "rollup-sys".equals(r.key()), Duration.ofSeconds(20));
        JsonNode event = new ObjectMapper().readTree(seen.get(seen.size() - 1).value());
        assertThat(event.get("type").asText()).isEqualTo("io.refinery.metrics.rollup.closed.v1");
        JsonNode data = event.get("data");
        assertThat(data.get("metric").asText()).isEqualTo("ctr");
        assertThat(data.get("start").asText()).isEqualTo(TODAY.minus(1, ChronoUnit.DAYS).toString());
        // (30 + 10) / (1000 + 1000) = 0.02 overall; 0.03 and 0.01 per segment.
        assertThat(data.get("value").asDouble()).isEqualTo(0.02);
        assertThat(data.get("samples").asLong()).isEqualTo(2000);
        assertThat(data.get("segments")).hasSize(2);
        assertThat(data.at("/segments/0/segment").asText()).isEqualTo("new");
        assertThat(data.at("/segments/0/value").asDouble()).isEqualTo(0.03);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("refinery_ai_metric_value{metric=\"ctr\",system=\"rollup-sys\"} 0.02")));
        Thread.sleep(2500); // several more runs of the 1-second job: the day must not close twice
        assertThat(TestTopics.readAll(RefineryTestResource.bootstrapServers(), "refinery.metrics.rollups",
                r -> "rollup-sys".equals(r.key()), Duration.ofSeconds(2))).hasSize(1);
    }
}
