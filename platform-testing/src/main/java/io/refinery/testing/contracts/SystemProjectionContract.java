package io.refinery.testing.contracts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.events.SystemEvents;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.RestAssured;

/**
 * The foundation's contract for a service that keeps a copy of the AI system registry: its schema is migrated,
 * every API call needs a token with a role, system events from the real broker become visible at
 * {@code GET /api/v1/systems/{key}} (stale and repeated events change nothing, poison goes to the DLQ), and its
 * outbox relay publishes committed rows. A service's test extends it as a {@code @QuarkusTest} with the
 * {@link RefineryTestResource} and names its schema.
 */
public abstract class SystemProjectionContract {
    /** The service's PostgreSQL schema, e.g. {@code metrics}. */
    protected abstract String schema();

    private static final String VIEWER = TestTokens.bearer("victor", "viewer");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static String systemEvent(String eventId, String key, long revision, String brandImpact) {
        return SystemEvents.event(eventId, key, revision, brandImpact);
    }

    private static void publish(String key, String value) {
        TestTopics.sendCloudEvent(RefineryTestResource.bootstrapServers(), "refinery.systems", key, value);
    }

    @Test
    protected void flywayCreatedTheSchema() throws Exception {
        try (Connection c = RefineryTestResource.database().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = '"
                        + schema() + "'")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables).contains("systems", "processed_events", "outbox", "flyway_schema_history");
        }
    }

    @Test
    protected void aRegisteredSystemBecomesVisibleAndStaleOrRepeatedEventsChangeNothing() {
        given().header("Authorization", VIEWER).get("/api/v1/systems/care-bot")
                .then().statusCode(404).contentType("application/problem+json");

        String first = UUID.randomUUID().toString();
        publish("care-bot", systemEvent(first, "care-bot", 2, "MEDIUM"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/systems/care-bot")
                .then().statusCode(200)
                .body("revision", equalTo(2))
                .body("riskProfile.brandImpact", equalTo("MEDIUM")));

        // An older revision, then a redelivery of the first event's id with other content: both ignored.
        publish("care-bot", systemEvent(UUID.randomUUID().toString(), "care-bot", 1, "LOW"));
        publish("care-bot", systemEvent(first, "care-bot", 9, "LOW"));
        // A newer revision after them proves the consumer has read past both.
        publish("care-bot", systemEvent(UUID.randomUUID().toString(), "care-bot", 3, "HIGH"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/systems/care-bot")
                .then().statusCode(200)
                .body("revision", equalTo(3))
                .body("riskProfile.brandImpact", equalTo("HIGH")));
    }

    @Test
    protected void aPoisonRecordGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        publish("broken", "{this is not json");
        publish("broken-2", systemEvent(UUID.randomUUID().toString(), "", 1, "LOW").replace("\"key\": \"\"", "\"key\": null"));
        TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(), "refinery.systems.dlq",
                r -> "broken".equals(r.key()), Duration.ofSeconds(20));
        TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(), "refinery.systems.dlq",
                r -> "broken-2".equals(r.key()), Duration.ofSeconds(20));

        publish("after-poison", systemEvent(UUID.randomUUID().toString(), "after-poison", 1, "LOW"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/systems/after-poison").then().statusCode(200));
    }

    @Test
    protected void theOutboxRelayPublishesCommittedRowsAndStampsThem() throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = RefineryTestResource.database().connect(); PreparedStatement insert = c.prepareStatement(
                "insert into " + schema() + ".outbox (id, topic, record_key, event_type, payload, created_at)"
                        + " values (?, 'refinery.oversight.requests', 'relay-check', 'test.v1', ?, now())")) {
            insert.setObject(1, id);
            insert.setString(2, "{\"id\": \"" + id + "\"}");
            insert.executeUpdate();
        }
        TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(), "refinery.oversight.requests",
                r -> r.value().contains(id.toString()) && "relay-check".equals(r.key()), Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Connection c = RefineryTestResource.database().connect(); PreparedStatement q = c.prepareStatement(
                    "select published_at from " + schema() + ".outbox where id = ?")) {
                q.setObject(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getTimestamp(1)).isNotNull();
                }
            }
        });
    }

    @Test
    protected void everyApiCallNeedsABearerTokenWithARole() {
        given().get("/api/v1/systems/care-bot")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        given().header("Authorization", "Bearer " + "x.y.z").get("/api/v1/systems/care-bot")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("mallory", "shopper")).get("/api/v1/systems/care-bot")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("X-Request-Id", "req-42").header("Authorization", VIEWER).get("/api/v1/systems/nobody")
                .then().statusCode(404).header("X-Request-Id", equalTo("req-42"));
        given().header("X-Request-Id", "bad id with spaces").get("/api/v1/systems/nobody")
                .then().statusCode(401).header("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
