package io.refinery.metrics.drift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.platform.ids.ClientId;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.events.SystemEvents;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Drift samples: idempotent on id, outcomes that come later, per-item refusals, the dead-letter topic. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class DriftSampleIngestionTest {

    private static final String INGEST = TestTokens.bearer("shop", "ingest");
    private static final String SAMPLES = "refinery.metrics.samples";

    private static ValidatableResponse post(String body) {
        return given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body)
                .post("/api/v1/drift/samples").then();
    }

    private static long db(String sql, Object... args) throws Exception {
        return RefineryTestResource.database().queryLong(sql, args);
    }

    @Test
    void replaysChangeNothingAndALaterOutcomeFeedsTheDetectorOnce() throws Exception {
        String bootstrap = RefineryTestResource.bootstrapServers();
        SystemEvents.registerAndAwait(bootstrap, "drift-replay");
        Instant at = Instant.now().minus(2, ChronoUnit.HOURS);
        List<String> predictions = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            predictions.add(SampleStreams.item("drift-replay", "r-" + i, at,
                    Map.of("score", i * 0.5, "device", i % 4 == 0 ? "tablet" : "mobile"), i % 2 == 0 ? "buy" : "skip", null));
            outcomes.add(SampleStreams.item("drift-replay", "r-" + i, at, null, null, "buy"));
        }
        post(SampleStreams.batch(predictions)).statusCode(202)
                .body("accepted", equalTo(100)).body("updated", equalTo(0)).body("duplicates", equalTo(0));
        post(SampleStreams.batch(predictions)).statusCode(202)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(100));
        assertThat(seen("score")).isEqualTo(100);
        assertThat(db("select labelled from metrics.drift_feature_days where system_key = 'drift-replay' and feature = 'device'"))
                .isEqualTo(100);
        assertThat(db("select count(*) from metrics.drift_detectors where system_key = 'drift-replay'")).isZero();

        // The outcomes come later, alone: each completes its sample once and feeds its error (0/1 mismatch) once.
        post(SampleStreams.batch(outcomes)).statusCode(202).body("updated", equalTo(100)).body("accepted", equalTo(0));
        post(SampleStreams.batch(outcomes)).statusCode(202).body("duplicates", equalTo(100));
        assertThat(updates()).isEqualTo(100);
        assertThat(db("select count(*) from metrics.drift_samples where system_key = 'drift-replay' and error = 1")).isEqualTo(50);

        // The whole stream replayed through the topic, then a poison record on the same partition (same key).
        List<String> replay = new ArrayList<>(predictions);
        replay.addAll(outcomes);
        replay.add("{\"id\": \"r-bad\", \"systemKey\": \"drift-replay\", \"observedAt\": \"yesterday\", \"outcome\": 1}");
        TestTopics.sendAll(bootstrap, SAMPLES, "drift-replay", replay);
        TestTopics.sendCloudEvent(bootstrap, SAMPLES, "drift-replay", """
                {"specversion": "1.0", "id": "%s", "source": "/shop", "type": "io.shop.sample.v1", "subject": "drift-replay",
                 "data": %s}""".formatted(java.util.UUID.randomUUID(),
                SampleStreams.item("drift-replay", "r-ce", at, Map.of("score", 7.5), null, null)));
        TestTopics.send(bootstrap, SAMPLES, "drift-replay", "not json");
        List<ConsumerRecord<String, String>> dead = TestTopics.awaitRecord(bootstrap, SAMPLES + ".dlq",
                r -> "not json".equals(r.value()), Duration.ofSeconds(30));
        assertThat(dead).anySatisfy(r -> assertThat(new String(r.headers().lastHeader("refinery-error").value(),
                StandardCharsets.UTF_8)).contains("observedAt"));
        // Only the CloudEvent-wrapped sample was new.
        assertThat(seen("score")).isEqualTo(101);
        assertThat(updates()).isEqualTo(100);
        assertThat(db("select count(*) from metrics.drift_samples where system_key = 'drift-replay'")).isEqualTo(101);
    }

    @Test
    void eachBadItemIsNamedAndTheOthersAreStored() throws Exception {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), "drift-refusals");
        Instant now = Instant.now();
        List<String> items = List.of(
                SampleStreams.item("drift-refusals", "ok-1", now, Map.of("price", 12.5), null, null),
                "{\"systemKey\": \"drift-refusals\", \"observedAt\": \"" + now + "\", \"prediction\": 1}",
                SampleStreams.item("drift-refusals", "old", now.minus(61, ChronoUnit.DAYS), Map.of("price", 1), null, null),
                SampleStreams.item("drift-refusals", "future", now.plus(1, ChronoUnit.HOURS), Map.of("price", 1), null, null),
                SampleStreams.item("drift-refusals", "bad-name", now, Map.of("unit price", 1), null, null),
                "{\"id\": \"nested\", \"systemKey\": \"drift-refusals\", \"observedAt\": \"" + now
                        + "\", \"features\": {\"price\": [1, 2]}, \"colour\": \"red\"}",
                SampleStreams.item("drift-refusals", "empty", now, null, null, null),
                SampleStreams.item("no-such-system", "x", now, Map.of("price", 1), null, null),
                SampleStreams.item("drift-refusals", "has space", now, Map.of("price", 1), null, null),
                SampleStreams.item("drift-refusals", "x".repeat(129), now, Map.of("price", 1), null, null),
                SampleStreams.item("drift-refusals", "shop:checkout.pred_" + "x".repeat(109), now, Map.of("price", 2), null, null));
        post(SampleStreams.batch(items)).statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected.index", equalTo(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)))
                .body("rejected[0].errors.field", hasItems("id"))
                .body("rejected[1].errors[0].field", equalTo("observedAt"))
                .body("rejected[2].errors[0].message", equalTo("must not be more than 5 minutes in the future"))
                .body("rejected[3].errors[0].field", equalTo("features.unit price"))
                .body("rejected[4].errors.field", hasItems("features.price", "colour"))
                .body("rejected[5].errors[0].field", equalTo("features"))
                .body("rejected[6].errors[0].field", equalTo("systemKey"))
                .body("rejected[7].errors", equalTo(List.of(Map.of("field", "id", "message", ClientId.MESSAGE))))
                .body("rejected[8].errors", equalTo(List.of(Map.of("field", "id", "message", ClientId.MESSAGE))));
        assertThat(db("select count(*) from metrics.drift_samples where system_key = 'drift-refusals'")).isEqualTo(2);

        post("{\"id\": \"x\"}").statusCode(400).body("errors[0].field", equalTo("body"));
        post("[]").statusCode(400).body("errors[0].field", equalTo("body"));
        post("[{\"id\": ").statusCode(400).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("victor", "viewer")).contentType(ContentType.JSON)
                .body(SampleStreams.batch(items)).post("/api/v1/drift/samples").then().statusCode(403);
        given().contentType(ContentType.JSON).body(SampleStreams.batch(items)).post("/api/v1/drift/samples").then()
                .statusCode(401);
    }

    private static long seen(String feature) throws Exception {
        return db("select coalesce(sum(seen), 0) from metrics.drift_feature_days where system_key = 'drift-replay' and feature = ?",
                feature);
    }

    private static long updates() throws Exception {
        return db("select coalesce(max(updates), 0) from metrics.drift_detectors where system_key = 'drift-replay'");
    }
}
