package io.refinery.feedback.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * README "Ids": feedback items and survey responses take any client id of 1-128 characters of A-Z a-z 0-9 . _ : -;
 * a UUID is the key as it is, any other id maps to a name-based UUID under the kind's namespace, so resending stays
 * idempotent and GET finds the item by either id. Expected UUIDs come from Python:
 *
 * <pre>
 * $ python3 -c 'import uuid; ns = uuid.UUID("220ff30b-cb8a-42bd-b06f-80706c84e060"); [print(repr(s), uuid.uuid5(ns, s)) for s in ("order-123", "shop:order-123.review_1")]'
 * 'order-123' 84757ce7-c398-55a7-9b59-83b717f8aa1e
 * 'shop:order-123.review_1' b2653ec7-c131-5ef8-acda-273f032c5a8c
 * $ python3 -c 'import uuid; ns = uuid.UUID("1fd777f4-a4bd-4280-b683-b0bac6ca7887"); [print(repr(s), uuid.uuid5(ns, s)) for s in ("order-123", "resp:2026-11-24.0001")]'
 * 'order-123' bef3bc70-c4ad-50c7-9642-2da1be183d82
 * 'resp:2026-11-24.0001' 5ff83f26-df82-584d-aaa9-2aff3df8472a
 * </pre>
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class FeedbackClientIdsTest {

    private static final String INGEST = TestTokens.bearer("shop", "ingest");
    private static final String VIEWER = TestTokens.bearer("victor", "viewer");
    private static final String SYSTEM = "ids-bot";

    @BeforeEach
    void registered() {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), SYSTEM);
    }

    private static String item(String id, String text) {
        return FeedbackIntakeTest.item(id, "SOCIAL", "ids", text).replace("intake-bot", SYSTEM);
    }

    @Test
    void aClientIdThatIsNotAUuidIsMappedIdempotentAndFetchableByEitherId() {
        String clientId = "shop:order-123.review_1";
        String mapped = "b2653ec7-c131-5ef8-acda-273f032c5a8c";
        UUID plain = UUID.randomUUID();
        String body = "[" + item(clientId, "Slow but fine") + "," + item(plain.toString(), "Quick and helpful") + "]";
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post("/api/v1/feedback")
                .then().statusCode(202).body("accepted", equalTo(2)).body("duplicates", equalTo(0));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post("/api/v1/feedback")
                .then().statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(2));

        for (String id : List.of(clientId, mapped)) {
            given().header("Authorization", VIEWER).get("/api/v1/feedback/{id}", id).then().statusCode(200)
                    .body("id", equalTo(mapped)).body("clientId", equalTo(clientId)).body("text", equalTo("Slow but fine"));
        }
        given().header("Authorization", VIEWER).get("/api/v1/feedback/{id}", plain.toString().toUpperCase()).then()
                .statusCode(200).body("id", equalTo(plain.toString())).body("clientId", nullValue());
        given().header("Authorization", VIEWER).queryParam("segment", "ids").get("/api/v1/feedback").then().statusCode(200)
                .body("items.find { it.id == '" + mapped + "' }.clientId", equalTo(clientId));

        String debrief = "{\"id\":\"desk:ticket-8812.debrief\",\"systemKey\":\"" + SYSTEM + "\",\"agentId\":\"agent-7\","
                + "\"aiAction\":\"Offered a refund\",\"customerReaction\":\"NEUTRAL\",\"category\":\"refund\","
                + "\"text\":\"Fine in the end\",\"occurredAt\":\"2026-11-21T09:00:00Z\"}";
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(debrief).post("/api/v1/feedback/debriefs")
                .then().statusCode(202).body("accepted", equalTo(1));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(debrief).post("/api/v1/feedback/debriefs")
                .then().statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        given().header("Authorization", VIEWER).get("/api/v1/feedback/desk:ticket-8812.debrief").then().statusCode(200)
                .body("clientId", equalTo("desk:ticket-8812.debrief")).body("channel", equalTo("SUPPORT_REVIEW"));

        given().header("Authorization", VIEWER).get("/api/v1/feedback/{id}", "order-123").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", VIEWER).get("/api/v1/feedback/{id}", UUID.randomUUID().toString()).then()
                .statusCode(404);
        given().header("Authorization", VIEWER).get("/api/v1/feedback/{id}", "with space").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"))
                .body("errors[0].message", equalTo(ClientId.MESSAGE));
        given().header("Authorization", VIEWER).get("/api/v1/feedback/{id}", "x".repeat(129)).then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void anInvalidClientIdIsNamedWithTheRule() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String body = "[" + String.join(",", item(tag + "x".repeat(121), "too long"), item(tag + " space", "space"),
                item(tag + "/slash", "slash"), item("", "empty"), item(tag + "x".repeat(120), "longest")) + "]";
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post("/api/v1/feedback")
                .then().statusCode(202).body("accepted", equalTo(1))
                .body("rejected.index", contains(0, 1, 2, 3))
                .body("rejected.errors.flatten().field", equalTo(Collections.nCopies(4, "id")))
                .body("rejected.errors.flatten().message", equalTo(Collections.nCopies(4, ClientId.MESSAGE)));
        String debrief = "{\"id\":\"ticket 1\",\"systemKey\":\"" + SYSTEM + "\",\"agentId\":\"agent-7\","
                + "\"aiAction\":\"Offered a refund\",\"customerReaction\":\"NEUTRAL\",\"category\":\"refund\","
                + "\"text\":\"Fine\",\"occurredAt\":\"2026-11-21T09:00:00Z\"}";
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(debrief).post("/api/v1/feedback/debriefs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("id")).body("errors.message", contains(ClientId.MESSAGE));
    }

    @Test
    void kafkaSubmissionsFollowTheSameRuleAndABadIdIsDeadLetteredWithIt() throws Exception {
        String servers = RefineryTestResource.bootstrapServers();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String good = "kafka:" + tag + ".item_1";
        UUID goodKey = ClientId.toUuid(io.refinery.feedback.intake.domain.FeedbackIds.ITEM_NAMESPACE, good);
        TestTopics.send(servers, "refinery.feedback.submissions", "ids-good", item(good, "Nice and fast"));
        TestTopics.send(servers, "refinery.feedback.submissions", "ids-bad-" + tag, item(tag + " bad/id", "Mail bad.id@example.com"));
        var db = RefineryTestResource.database();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                db.queryLong("select count(*) from feedback.feedback_items where id = ? and client_id = ?", goodKey, good) == 1);
        given().header("Authorization", VIEWER).get("/api/v1/feedback/{id}", good).then().statusCode(200)
                .body("id", equalTo(goodKey.toString()));
        List<ConsumerRecord<String, String>> dlq = TestTopics.awaitRecord(servers, "refinery.feedback.submissions.dlq",
                r -> ("ids-bad-" + tag).equals(r.key()), Duration.ofSeconds(30));
        ConsumerRecord<String, String> poison = dlq.get(dlq.size() - 1);
        assertThat(new String(poison.headers().lastHeader("refinery-error").value(), StandardCharsets.UTF_8))
                .isEqualTo("[{\"field\":\"id\",\"message\":\"" + ClientId.MESSAGE + "\"}]");
        assertThat(poison.value()).contains("[EMAIL]").doesNotContain("bad.id@example.com");
    }

    @Test
    void surveyResponsesTakeTheSameClientIds() {
        given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body("{\"key\":\"s-ids\",\"systemKey\":\"" + SYSTEM + "\",\"questions\":[{\"id\":\"q-nps\","
                        + "\"text\":\"How likely or unlikely are you to recommend us to a friend?\",\"type\":\"NPS\"}]}")
                .post("/api/v1/surveys").then().statusCode(201);
        String response = "{\"id\":\"%s\",\"respondentSegment\":\"vip\",\"answers\":{\"q-nps\":9}}";
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(response.formatted("resp:2026-11-24.0001"))
                .post("/api/v1/surveys/s-ids/responses").then().statusCode(202)
                .body("id", equalTo("5ff83f26-df82-584d-aaa9-2aff3df8472a")).body("clientId", equalTo("resp:2026-11-24.0001"))
                .body("stored", equalTo(true));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(response.formatted("resp:2026-11-24.0001"))
                .post("/api/v1/surveys/s-ids/responses").then().statusCode(202).body("stored", equalTo(false));
        UUID plain = UUID.randomUUID();
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(response.formatted(plain))
                .post("/api/v1/surveys/s-ids/responses").then().statusCode(202)
                .body("id", equalTo(plain.toString())).body("clientId", nullValue());
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(response.formatted("resp/1"))
                .post("/api/v1/surveys/s-ids/responses").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("id")).body("errors.message", contains(ClientId.MESSAGE));
    }
}
