package io.refinery.metrics.rollup.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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

/** History loaded after its days closed reaches the rollups topic when an admin asks, day by day in time order. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class RollupBackfillTest {

    private static final String ADMIN = TestTokens.bearer("alice", "admin");
    private static final String VIEWER = TestTokens.bearer("victor", "viewer");
    private static final String INGEST = TestTokens.bearer("shop", "ingest");
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    private static final String SYSTEM = "backfill-sys";

    private static void ingest(String metric, int daysAgo, long clicks, long impressions) {
        String body = """
                [{"id": "%s", "systemKey": "%s", "metric": "%s", "numerator": %d, "denominator": %d, "observedAt": "%s"}]"""
                .formatted(UUID.randomUUID(), SYSTEM, metric, clicks, impressions,
                        TODAY.minus(daysAgo, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post("/api/v1/observations")
                .then().statusCode(202).body("accepted", equalTo(1));
    }

    private static io.restassured.response.ValidatableResponse republish(String token, String system, Instant from, Instant to) {
        return given().header("Authorization", token).queryParam("from", from.toString()).queryParam("to", to.toString())
                .post("/api/v1/systems/" + system + "/metrics/rollups/republish").then();
    }

    @Test
    void backDatedDaysArePublishedInTimeOrderOneEventPerMetricAndDay() throws Exception {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), SYSTEM);
        ingest("ctr", 40, 50, 1000);
        ingest("ctr", 39, 40, 1000);
        ingest("conversion_rate", 39, 3, 100);
        ingest("ctr", 38, 30, 1000);

        // The day 40 days ago and the next one: three events, the later day after the earlier one.
        republish(ADMIN, SYSTEM, TODAY.minus(40, ChronoUnit.DAYS).plus(5, ChronoUnit.HOURS), TODAY.minus(38, ChronoUnit.DAYS))
                .statusCode(200).body("days", equalTo(2)).body("events", equalTo(3))
                .body("from", equalTo(TODAY.minus(40, ChronoUnit.DAYS).toString()));

        List<ConsumerRecord<String, String>> seen = await().atMost(Duration.ofSeconds(30)).until(
                () -> TestTopics.readAll(RefineryTestResource.bootstrapServers(), "refinery.metrics.rollups",
                        r -> SYSTEM.equals(r.key()), Duration.ofSeconds(1)),
                records -> records.size() >= 3);
        assertThat(seen).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> data = seen.stream().map(r -> read(json, r.value()).get("data")).toList();
        assertThat(data).extracting(d -> d.get("start").asText() + " " + d.get("metric").asText() + " " + d.get("value").asDouble())
                .containsExactly(TODAY.minus(40, ChronoUnit.DAYS) + " ctr 0.05",
                        TODAY.minus(39, ChronoUnit.DAYS) + " conversion_rate 0.03",
                        TODAY.minus(39, ChronoUnit.DAYS) + " ctr 0.04");
        assertThat(data.get(0).get("samples").asLong()).isEqualTo(1000);
    }

    @Test
    void onlyClosedDaysOfAKnownSystemAndOnlyForAdmins() {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), SYSTEM);
        Instant weekAgo = TODAY.minus(7, ChronoUnit.DAYS);
        republish(ADMIN, SYSTEM, weekAgo, TODAY.plus(1, ChronoUnit.DAYS)).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("to"))
                .body("errors[0].message", containsString("not closed yet"));
        republish(ADMIN, SYSTEM, TODAY.minus(2, ChronoUnit.DAYS), weekAgo).statusCode(400)
                .body("errors[0].field", equalTo("from"));
        republish(ADMIN, SYSTEM, TODAY.minus(500, ChronoUnit.DAYS), weekAgo).statusCode(400)
                .body("errors[0].field", equalTo("from")).body("errors[0].message", containsString("400 days"));
        given().header("Authorization", ADMIN).queryParam("to", weekAgo.toString())
                .post("/api/v1/systems/" + SYSTEM + "/metrics/rollups/republish").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().header("Authorization", ADMIN).queryParam("from", "yesterday").queryParam("to", weekAgo.toString())
                .post("/api/v1/systems/" + SYSTEM + "/metrics/rollups/republish").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        republish(ADMIN, "no-such-system", TODAY.minus(9, ChronoUnit.DAYS), weekAgo).statusCode(404);
        republish(VIEWER, SYSTEM, TODAY.minus(9, ChronoUnit.DAYS), weekAgo).statusCode(403);
    }

    private static JsonNode read(ObjectMapper json, String value) {
        try {
            return json.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
