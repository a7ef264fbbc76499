package io.refinery.oversight.review.messaging;

import static io.refinery.oversight.OversightApi.INGEST;
import static io.refinery.oversight.OversightApi.VIEWER;
import static io.refinery.oversight.OversightApi.submit;
import static io.refinery.oversight.OversightApi.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.platform.messaging.DeadLetterHeaders;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.faults.TcpFaultProxy;
import io.refinery.testing.kafka.TestTopics;

/**
 * Issue 16, point 1: a valid oversight request that arrives while PostgreSQL is unreachable is held and retried, not
 * dead-lettered, and becomes its review when the database returns; readiness says which consumer waits and why.
 * Poison records still go to the DLQ during the outage, with their original bytes and the uniform headers.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseOutageTest {

    private static final String TOPIC = "refinery.oversight.requests";

    private static String request(UUID requestId, String eventId) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/metrics-service", "type": "io.refinery.metrics.review.requested.v1",
                 "subject": "outage-pricing", "time": "%s", "datacontenttype": "application/json",
                 "data": {"id": "%s", "systemKey": "outage-pricing", "actionType": "ALERT_REVIEW",
                          "summary": "CRITICAL conversion_rate below baseline", "payload": {"metric": "conversion_rate"},
                          "magnitude": 0.2, "source": {"service": "metrics-service", "eventId": "%s"}}}
                """.formatted(eventId, Instant.now(), requestId, eventId);
    }

    @Test
    void aRequestSentWhileTheDatabaseIsDownBecomesItsReviewWhenItReturns() throws Exception {
        register("outage-pricing", "LOW");
        String bootstrap = RefineryTestResource.bootstrapServers();
        TcpFaultProxy database = RefineryTestResource.databaseFaults();
        UUID requestId = UUID.randomUUID();
        UUID httpId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        byte[] notUtf8 = {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        database.cut();
        long cutAt = System.nanoTime();
        try {
            TestTopics.sendCloudEvent(bootstrap, TOPIC, "outage-pricing", request(requestId, eventId));
            // poison records need no database: they still leave at once, bytes unchanged, with the uniform headers
            TestTopics.sendBytes(bootstrap, TOPIC, "outage-poison", notUtf8);
            TestTopics.send(bootstrap, TOPIC, "outage-poison-42", request(requestId, eventId)
                    .replace("\"id\": \"" + requestId + "\"", "\"id\": 42"));
            Awaitility.await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'kafka-consumers' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'kafka-consumers' }.data.requests", containsString("TRANSIENT")));
            // HTTP during the outage: 503 problem+json with Retry-After, nothing written (issue 16, point 2)
            given().header("Authorization", VIEWER).get("/api/v1/reviews").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", equalTo("https://refinery.io/problems/unavailable"));
            submit(INGEST, httpId, "outage-pricing", 0.05, 10).statusCode(503).header("Retry-After", "5");
            // longer than the old budget of 8 attempts (about 15 s) after which the event went to the DLQ
            long held = Duration.ofSeconds(25).toNanos() - (System.nanoTime() - cutAt);
            if (held > 0) {
                Thread.sleep(held / 1_000_000);
            }
        } finally {
            database.restore();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/reviews/" + requestId).then().statusCode(200).body("systemKey", equalTo("outage-pricing")));
        assertThat(RefineryTestResource.database().queryLong(
                "select count(*) from oversight.reviews where source_event_id = ?", eventId)).isEqualTo(1);
        given().header("Authorization", VIEWER).get("/api/v1/reviews/" + httpId).then().statusCode(404);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'kafka-consumers' }.status", equalTo("UP")));

        ConsumerRecord<String, byte[]> raw = last(TestTopics.awaitRawRecord(bootstrap, TOPIC + ".dlq",
                r -> "outage-poison".equals(r.key()), Duration.ofSeconds(30)));
        assertThat(raw.value()).isEqualTo(notUtf8);
        assertThat(DeadLetterHeaders.text(raw.headers(), DeadLetterHeaders.KIND)).isEqualTo("POISON");
        assertThat(DeadLetterHeaders.text(raw.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPIC);
        assertThat(DeadLetterHeaders.text(raw.headers(), DeadLetterHeaders.SOURCE_PARTITION)).matches("\\d+");
        assertThat(DeadLetterHeaders.text(raw.headers(), DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
        assertThat(DeadLetterHeaders.text(raw.headers(), DeadLetterHeaders.CONSUMER)).isEqualTo("oversight-service.requests");
        ConsumerRecord<String, byte[]> wrongId = last(TestTopics.awaitRawRecord(bootstrap, TOPIC + ".dlq",
                r -> "outage-poison-42".equals(r.key()), Duration.ofSeconds(30)));
        assertThat(DeadLetterHeaders.text(wrongId.headers(), DeadLetterHeaders.ERROR))
                .isEqualTo("data.id must be 1-128 characters of A-Z a-z 0-9 . _ : - (a UUID is fine), got the number 42");
        // the valid request never reached the DLQ
        assertThat(TestTopics.readAll(bootstrap, TOPIC + ".dlq", r -> r.value().contains(requestId.toString())
                && !"outage-poison-42".equals(r.key()), Duration.ofSeconds(2))).isEmpty();
        assertThat(new String(wrongId.value(), StandardCharsets.UTF_8)).contains("\"id\": 42");
    }

    private static <T> T last(java.util.List<T> list) {
        return list.get(list.size() - 1);
    }
}
