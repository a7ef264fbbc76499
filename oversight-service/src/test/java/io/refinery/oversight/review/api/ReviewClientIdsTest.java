package io.refinery.oversight.review.api;

import static io.refinery.oversight.OversightApi.ALICE;
import static io.refinery.oversight.OversightApi.INGEST;
import static io.refinery.oversight.OversightApi.VIEWER;
import static io.refinery.oversight.OversightApi.json;
import static io.refinery.oversight.OversightApi.last;
import static io.refinery.oversight.OversightApi.pricingPolicy;
import static io.refinery.oversight.OversightApi.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.oversight.review.domain.ReviewIds;
import io.refinery.platform.ids.ClientId;
import io.refinery.platform.messaging.DeadLetterHeaders;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * README "Ids": a review request takes any client id of 1-128 characters of A-Z a-z 0-9 . _ : -, over HTTP and on
 * refinery.oversight.requests. A UUID is the review's id; any other id maps to a name-based UUID under
 * {@link ReviewIds#REQUEST_NAMESPACE}, so resubmitting is idempotent and /api/v1/reviews/{id} takes either id.
 * Expected UUIDs come from Python:
 *
 * <pre>
 * $ python3 -c 'import uuid; ns = uuid.UUID("b46c44cb-cbd2-4224-9743-4933958db257"); [print(repr(s), uuid.uuid5(ns, s)) for s in ("order-123", "pricing:PRICE_CHANGE.2026-11-24_0001")]'
 * 'order-123' 7fbe706b-4a8f-5129-a1af-b96940c96aed
 * 'pricing:PRICE_CHANGE.2026-11-24_0001' 3e1c824f-643f-526c-a8cd-e12dd99cd608
 * </pre>
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ReviewClientIdsTest {

    private static final String TOPIC = "refinery.oversight.requests";

    private static ValidatableResponse submit(String id, String key) {
        return given().header("Authorization", INGEST).contentType(ContentType.JSON).body("""
                {"id": %s, "systemKey": "%s", "actionType": "PRICE_CHANGE", "summary": "raise sneakers price",
                 "payload": {"sku": "SN-1"}, "magnitude": 0.3, "amount": 10, "confidence": 0.95}
                """.formatted(id, key)).post("/api/v1/reviews").then();
    }

    private static String request(String id, String key, String sourceEventId) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/shop", "type": "io.shop.review.requested.v1",
                 "subject": "%s", "time": "%s", "datacontenttype": "application/json",
                 "data": {"id": "%s", "systemKey": "%s", "actionType": "PRICE_CHANGE", "summary": "raise boots price",
                          "magnitude": 0.3, "source": {"service": "shop", "eventId": "%s"}}}
                """.formatted(UUID.randomUUID(), key, Instant.now(), id, key, sourceEventId);
    }

    @Test
    void aClientIdThatIsNotAUuidIsMappedIdempotentAndAddressableByEitherId() throws Exception {
        register("ids-pricing", "LOW");
        pricingPolicy("ids-pricing");
        String clientId = "pricing:PRICE_CHANGE.2026-11-24_0001";
        String mapped = "3e1c824f-643f-526c-a8cd-e12dd99cd608";
        submit("\"" + clientId + "\"", "ids-pricing").statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/reviews/" + mapped))
                .body("id", equalTo(mapped)).body("clientId", equalTo(clientId)).body("state", equalTo("PENDING"));
        submit("\"" + clientId + "\"", "ids-pricing").statusCode(200).body("id", equalTo(mapped));
        for (String id : List.of(clientId, mapped)) {
            given().header("Authorization", VIEWER).get("/api/v1/reviews/{id}", id).then().statusCode(200)
                    .body("id", equalTo(mapped)).body("clientId", equalTo(clientId));
        }
        UUID plain = UUID.randomUUID();
        submit("\"" + plain.toString().toUpperCase() + "\"", "ids-pricing").statusCode(201)
                .body("id", equalTo(plain.toString())).body("clientId", nullValue());
        given().header("Authorization", VIEWER).get("/api/v1/reviews/{id}", plain.toString()).then().statusCode(200);
        given().header("Authorization", VIEWER).get("/api/v1/reviews/{id}", "order-123").then().statusCode(404)
                .contentType("application/problem+json");

        given().header("Authorization", ALICE).post("/api/v1/reviews/{id}/claim", clientId).then().statusCode(200)
                .body("assignee", equalTo("alice"));
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("{\"outcome\": \"APPROVE\", \"rationale\": \"margin checked\"}")
                .post("/api/v1/reviews/{id}/decision", clientId).then().statusCode(200).body("state", equalTo("APPROVED"));
        ConsumerRecord<String, String> record = last(TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(),
                "refinery.oversight.decisions", r -> r.value().contains(mapped), Duration.ofSeconds(20)));
        JsonNode data = json(record.value()).path("data");
        assertThat(data.path("requestId").asText()).isEqualTo(mapped);
        assertThat(data.path("clientId").asText()).isEqualTo(clientId);
    }

    @Test
    void anInvalidClientIdIsNamedWithTheRuleOverHttp() {
        register("ids-refused", "LOW");
        for (String bad : List.of("x".repeat(129), "has space", "has/slash", "", "\u00e9t\u00e9")) {
            submit("\"" + bad + "\"", "ids-refused").statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("id")).body("errors.message", contains(ClientId.MESSAGE));
        }
        submit("42", "ids-refused").statusCode(400).body("errors.field", contains("id"));
        given().header("Authorization", VIEWER).get("/api/v1/reviews/{id}", "has space").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"))
                .body("errors[0].message", equalTo(ClientId.MESSAGE));
        given().header("Authorization", VIEWER).get("/api/v1/reviews/{id}", "x".repeat(129)).then().statusCode(400);
    }

    @Test
    void onTheRequestsTopicTheSameRuleHoldsAndABadIdIsDeadLettered() throws Exception {
        register("ids-kafka", "LOW");
        pricingPolicy("ids-kafka");
        String bootstrap = RefineryTestResource.bootstrapServers();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String good = "shop:" + tag + ".boots_1";
        UUID goodKey = ClientId.toUuid(ReviewIds.REQUEST_NAMESPACE, good);
        TestTopics.sendCloudEvent(bootstrap, TOPIC, "ids-kafka", request(good, "ids-kafka", "shop-" + tag + "-1"));
        TestTopics.sendCloudEvent(bootstrap, TOPIC, "ids-bad-" + tag, request(tag + " bad/id", "ids-kafka", "shop-" + tag + "-2"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/reviews/{id}", good).then().statusCode(200)
                .body("id", equalTo(goodKey.toString())).body("clientId", equalTo(good))
                .body("submittedBy", equalTo("shop")));
        List<ConsumerRecord<String, byte[]>> letters = TestTopics.awaitRawRecord(bootstrap, TOPIC + ".dlq",
                r -> ("ids-bad-" + tag).equals(r.key()), Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> dead = letters.get(letters.size() - 1);
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.ERROR))
                .isEqualTo("data.id " + ClientId.MESSAGE + ", got \"" + tag + " bad/id\"");
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.KIND)).isEqualTo("POISON");
        assertThat(RefineryTestResource.database().queryLong(
                "select count(*) from oversight.reviews where source_event_id = ?", "shop-" + tag + "-2")).isZero();
    }
}
