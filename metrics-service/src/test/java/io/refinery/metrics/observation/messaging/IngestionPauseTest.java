package io.refinery.metrics.observation.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.events.SystemEvents;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class IngestionPauseTest {

    private static final String PATH = "/api/v1/ingestion/kafka";
    private static final String ADMIN = TestTokens.bearer("ops-alice", "admin");
    private static final String VIEWER = TestTokens.bearer("bob", "viewer");

    @AfterEach
    void resume() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"paused\": false}").put(PATH)
                .then().statusCode(200);
    }

    @Test
    void pausedIngestionLeavesRecordsInKafkaUntilResumed() throws Exception {
        String bootstrap = RefineryTestResource.bootstrapServers();
        SystemEvents.registerAndAwait(bootstrap, "pause-reco");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"paused\": true, \"reason\": \"database maintenance\"}").put(PATH)
                .then().statusCode(200).body("paused", equalTo(true)).body("changedBy", equalTo("ops-alice"))
                .body("reason", equalTo("database maintenance"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("Authorization", VIEWER).get(PATH)
                .then().statusCode(200).body("pausedOnThisReplica", equalTo(true)));

        String id = "pause-" + UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        TestTopics.send(bootstrap, "refinery.metrics.observations", "pause-reco", """
                {"id": "%s", "systemKey": "pause-reco", "metric": "ctr", "value": 0.04, "observedAt": "%s"}""".formatted(id, at));
        // Paused: the record waits in the topic (well past the consumer's usual latency of under a second).
        Thread.sleep(3_000);
        assertThat(RefineryTestResource.database().queryLong("select count(*) from metrics.observations where id = ?", id)).isZero();

        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"paused\": false}").put(PATH)
                .then().statusCode(200).body("paused", equalTo(false));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(RefineryTestResource.database()
                .queryLong("select count(*) from metrics.observations where id = ?", id)).isEqualTo(1));
    }

    @Test
    void onlyAnAdminFlipsTheSwitchAndPausedIsRequired() {
        given().header("Authorization", VIEWER).contentType(ContentType.JSON).body("{\"paused\": true}").put(PATH)
                .then().statusCode(403);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"reason\": \"no flag\"}").put(PATH)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("paused"));
        given().get(PATH).then().statusCode(401);
    }
}
