package io.refinery.feedback.insight.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.events.SystemEvents;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.http.ContentType;
import io.refinery.platform.events.InsightEvent;

/** A day on which "cannot reach a human" jumps from 2 of 70 to 12 of 30 items is a spike, published once. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ThemeSpikeFlowTest {

    private static final String INGEST = TestTokens.bearer("shop", "ingest");
    private static final String VIEWER = TestTokens.bearer("victor", "viewer");
    private static final Instant DAY = Instant.parse("2026-10-10T00:00:00Z");

    @Inject
    ThemeSpikeDetector detector;

    @Test
    void aThemeWhoseShareJumpsIsStoredAndPublishedOnce() throws Throwable {
        String system = "spike-bot";
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), system);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            items.add(item(system, DAY.minus(Duration.ofDays(1 + i % 7)).plusSeconds(i),
                    i < 2 ? "I wanted to talk to a human" : i % 3 == 0 ? "The delivery was fine" : "Answered my question"));
        }
        for (int i = 0; i < 30; i++) {
            items.add(item(system, DAY.plusSeconds(60L * i),
                    i < 12 ? "The bot went round in circles, let me talk to a human" : "The delivery was fine"));
        }
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("[" + String.join(",", items) + "]")
                .post("/api/v1/feedback").then().statusCode(202).body("accepted", equalTo(100));

        // As the clocked job calls it (on a Vert.x context), for a day long closed; the second call finds it claimed.
        assertThat(VertxContextSupport.subscribeAndAwait(() -> detector.checkDay(DAY))).isEqualTo(1);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> detector.checkDay(DAY))).isZero();

        List<ConsumerRecord<String, String>> seen = TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(),
                InsightEvent.TOPIC, r -> system.equals(r.key()) && r.value().contains(InsightEvent.ThemeSpiked.TYPE),
                Duration.ofSeconds(20));
        JsonNode data = new ObjectMapper().readTree(seen.get(seen.size() - 1).value()).get("data");
        assertThat(data.get("theme").asText()).isEqualTo("cannot-reach-human");
        assertThat(data.get("count").asLong()).isEqualTo(12);
        assertThat(data.get("items").asLong()).isEqualTo(30);
        assertThat(data.get("countBefore").asLong()).isEqualTo(2);
        assertThat(data.get("itemsBefore").asLong()).isEqualTo(70);
        assertThat(data.get("z").asDouble()).isBetween(4.905, 4.906);

        given().header("Authorization", VIEWER).queryParam("from", "2026-10-01T00:00:00Z")
                .queryParam("to", "2026-10-11T00:00:00Z").get("/api/v1/systems/" + system + "/themes").then()
                .statusCode(200).body("items", equalTo(100)).body("spikes", hasSize(1))
                .body("spikes[0].theme", equalTo("cannot-reach-human"))
                .body("themes.find { it.theme == 'cannot-reach-human' }.count", equalTo(14));
        given().header("Authorization", VIEWER).queryParam("limit", 0).get("/api/v1/systems/" + system + "/themes")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().header("Authorization", VIEWER).get("/api/v1/systems/no-such-system/themes").then().statusCode(404);
    }

    private static String item(String system, Instant at, String text) {
        return """
                {"id": "%s", "systemKey": "%s", "channel": "SUPPORT_REVIEW", "customerSegment": "new", "text": "%s",
                 "occurredAt": "%s", "source": {"agentId": "a-1"}}""".formatted(UUID.randomUUID(), system, text, at);
    }
}
