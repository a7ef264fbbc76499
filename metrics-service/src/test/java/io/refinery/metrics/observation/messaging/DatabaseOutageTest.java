package io.refinery.metrics.observation.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.restassured.http.ContentType;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.events.SystemEvents;
import io.refinery.testing.faults.TcpFaultProxy;
import io.refinery.testing.kafka.TestTopics;

/**
 * Issue 16, point 1, on metrics-service: while PostgreSQL is unreachable a registry event (one-at-a-time consumer) and
 * a stream of observations (batch consumer) are held, not dead-lettered; when it returns, the system is known and
 * every observation is stored exactly once with its rollup.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseOutageTest {

    private static final String VIEWER = TestTokens.bearer("victor", "viewer");
    private static final String INGEST = TestTokens.bearer("shop", "ingest");

    @Test
    void eventsThatArriveDuringAnOutageAreAppliedWhenTheDatabaseReturns() throws Exception {
        String bootstrap = RefineryTestResource.bootstrapServers();
        SystemEvents.registerAndAwait(bootstrap, "outage-reco");
        TcpFaultProxy database = RefineryTestResource.databaseFaults();
        String prefix = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        List<String> observations = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            observations.add("""
                    {"id": "%s-%d", "systemKey": "outage-reco", "metric": "ctr", "value": 0.5, "observedAt": "%s"}"""
                    .formatted(prefix, i, at.plusSeconds(i)));
        }
        database.cut();
        long cutAt = System.nanoTime();
        try {
            SystemEvents.register(bootstrap, "outage-chatbot");
            TestTopics.sendAll(bootstrap, "refinery.metrics.observations", "outage-reco", observations);
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'kafka-consumers' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'kafka-consumers' }.data.systems", containsString("TRANSIENT"))
                    .body("checks.find { it.name == 'kafka-consumers' }.data.observations", containsString("TRANSIENT")));
            // HTTP during the outage: 503 problem+json with Retry-After, nothing written (issue 16, point 2)
            given().header("Authorization", INGEST).contentType(ContentType.JSON).body("""
                    [{"id": "%s-http", "systemKey": "outage-reco", "metric": "ctr", "value": 0.5, "observedAt": "%s"}]
                    """.formatted(prefix, at)).post("/api/v1/observations").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", equalTo("https://refinery.io/problems/unavailable"));
            given().header("Authorization", VIEWER).get("/api/v1/alerts").then().statusCode(503).header("Retry-After", "5");
            long held = Duration.ofSeconds(25).toNanos() - (System.nanoTime() - cutAt);
            if (held > 0) {
                Thread.sleep(held / 1_000_000);
            }
        } finally {
            database.restore();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/systems/outage-chatbot").then().statusCode(200));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(RefineryTestResource.database()
                .queryLong("select count(*) from metrics.observations where id like ?", prefix + "%")).isEqualTo(200));
        assertThat(RefineryTestResource.database().queryLong("select count(*) from metrics.observations where id = ?",
                prefix + "-http")).isZero();
        assertThat(RefineryTestResource.database().queryLong("select sum(count) from metrics.rollups where system_key = "
                + "'outage-reco' and step = 'PT1H' and segment = '' and metric = 'ctr'")).isEqualTo(200);
        assertThat(TestTopics.readAll(bootstrap, "refinery.systems.dlq", r -> "outage-chatbot".equals(r.key()),
                Duration.ofSeconds(2))).isEmpty();
        assertThat(TestTopics.readAll(bootstrap, "refinery.metrics.observations.dlq", r -> r.value().contains(prefix),
                Duration.ofSeconds(2))).isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'kafka-consumers' }.status", equalTo("UP")));
    }
}
