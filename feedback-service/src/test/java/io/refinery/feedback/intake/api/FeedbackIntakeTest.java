package io.refinery.feedback.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
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
public class FeedbackIntakeTest {

    private static final String INGEST = TestTokens.bearer("shop", "ingest");
    private static final String VIEWER = TestTokens.bearer("victor", "viewer");
    private static final String SYSTEM = "intake-bot";

    @BeforeEach
    void registered() {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), SYSTEM);
    }

    public static String item(UUID id, String channel, String segment, String text) {
        return item(id.toString(), channel, segment, text);
    }

    static String item(String id, String channel, String segment, String text) {
        return String.format("{\"id\":\"%s\",\"systemKey\":\"%s\",\"channel\":\"%s\",\"customerSegment\":\"%s\","
                + "\"text\":\"%s\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"source\":{\"platform\":\"web\"}}",
                id, SYSTEM, channel, segment, text);
    }

    @Test
    void piiIsRedactedBeforeStorageAndItemsAreIdempotent() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String body = "[" + item(a, "SURVEY", "vip", "Terrible bot, call me on +44 20 7946 0958 or mail jo.pii@example.com")
                + "," + item(b, "SOCIAL", "new", "Card 4111 1111 1111 1111 was charged twice, IBAN GB82 WEST 1234 5698 7654 32")
                + "]";
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post("/api/v1/feedback")
                .then().statusCode(202).body("accepted", equalTo(2)).body("duplicates", equalTo(0));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post("/api/v1/feedback")
                .then().statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(2));

        var db = RefineryTestResource.database();
        assertThat(db.queryLong("select count(*) from feedback.feedback_items where id = any(?)",
                (Object) new UUID[] { a, b })).isEqualTo(2);
        assertThat(db.queryLong("select count(*) from feedback.feedback_items where text like '%example.com%'"
                + " or text like '%7946%' or text like '%4111%' or text like '%WEST%'")).isZero();
        given().header("Authorization", VIEWER).queryParam("systemKey", SYSTEM).queryParam("channel", "SURVEY")
                .get("/api/v1/feedback").then().statusCode(200)
                .body("items.find { it.id == '" + a + "' }.text",
                        equalTo("Terrible bot, call me on [PHONE] or mail [EMAIL]"))
                .body("items.find { it.id == '" + a + "' }.sentimentLabel", equalTo("NEGATIVE"));
    }

    @Test
    void eachBadItemIsNamedAndTheOthersAreStored() {
        String body = "[" + item(UUID.randomUUID(), "SURVEY", "vip", "fine")
                + ",{\"id\":\"no pe\",\"systemKey\":\"" + SYSTEM + "\",\"channel\":\"FAX\",\"occurredAt\":\"yesterday\",\"extra\":1}"
                + "," + item(UUID.randomUUID(), "SURVEY", "vip", "x").replace(SYSTEM, "no-such-system")
                + "]";
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post("/api/v1/feedback")
                .then().statusCode(202).body("accepted", equalTo(1))
                .body("rejected.index", contains(1, 2))
                .body("rejected[0].errors.field", org.hamcrest.Matchers.hasItems("id", "channel", "text", "occurredAt", "extra"))
                .body("rejected[1].errors[0].field", equalTo("systemKey"));
    }

    @Test
    void badBodiesAndTokensAreProblems() {
        given().contentType(ContentType.JSON).body("[]").post("/api/v1/feedback").then().statusCode(401);
        given().header("Authorization", VIEWER).contentType(ContentType.JSON).body("[]").post("/api/v1/feedback")
                .then().statusCode(403);
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("{}").post("/api/v1/feedback")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("[{").post("/api/v1/feedback")
                .then().statusCode(400).contentType("application/problem+json");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add("{}");
        }
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("[" + String.join(",", many) + "]")
                .post("/api/v1/feedback").then().statusCode(400).body("errors[0].field", equalTo("body"));
        given().header("Authorization", VIEWER).queryParam("channel", "FAX").get("/api/v1/feedback")
                .then().statusCode(400).body("errors[0].field", equalTo("channel"));
        given().header("Authorization", VIEWER).queryParam("cursor", "zzz").get("/api/v1/feedback")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void debriefFormArrivesAsASupportReview() {
        UUID id = UUID.randomUUID();
        String debrief = String.format("{\"id\":\"%s\",\"systemKey\":\"%s\",\"agentId\":\"agent-7\","
                + "\"aiAction\":\"Offered a refund to jo@example.com without checking the order\","
                + "\"customerReaction\":\"NEGATIVE\",\"category\":\"refund\",\"text\":\"Customer was angry, wanted a human\","
                + "\"occurredAt\":\"2026-11-21T09:00:00Z\",\"customerSegment\":\"returning\"}", id, SYSTEM);
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(debrief)
                .post("/api/v1/feedback/debriefs").then().statusCode(202).body("accepted", equalTo(1));
        given().header("Authorization", VIEWER).queryParam("systemKey", SYSTEM).queryParam("channel", "SUPPORT_REVIEW")
                .get("/api/v1/feedback").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.debrief.aiAction", containsString("[EMAIL]"))
                .body("items.find { it.id == '" + id + "' }.debrief.customerReaction", equalTo("NEGATIVE"))
                .body("items.find { it.id == '" + id + "' }.source.agentId", equalTo("agent-7"));
        given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body(debrief.replace("NEGATIVE", "MEH").replace("\"agentId\":\"agent-7\",", ""))
                .post("/api/v1/feedback/debriefs").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("customerReaction", "agentId"));
    }

    @Test
    void listIsPagedWithACursor() {
        String body = "[" + item(UUID.randomUUID(), "OTHER", "pager", "one") + ","
                + item(UUID.randomUUID(), "OTHER", "pager", "two") + "," + item(UUID.randomUUID(), "OTHER", "pager", "three") + "]";
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post("/api/v1/feedback")
                .then().statusCode(202);
        String cursor = given().header("Authorization", VIEWER).queryParam("segment", "pager").queryParam("limit", 2)
                .get("/api/v1/feedback").then().statusCode(200).body("items", hasSize(2))
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().header("Authorization", VIEWER).queryParam("segment", "pager").queryParam("limit", 2)
                .queryParam("cursor", cursor).get("/api/v1/feedback").then().statusCode(200).body("items", hasSize(1))
                .body("nextCursor", nullValue());
    }

    @Test
    void kafkaSubmissionsAreStoredAndPoisonGoesToTheDlqRedacted() throws Exception {
        UUID id = UUID.randomUUID();
        String servers = RefineryTestResource.bootstrapServers();
        TestTopics.send(servers, "refinery.feedback.submissions", SYSTEM, item(id, "SOCIAL", "new", "Love it, ping me at kafka.pii@example.com"));
        TestTopics.send(servers, "refinery.feedback.submissions", SYSTEM, "{\"id\":\"bad\",\"text\":\"mail me at poison@example.com\"}");
        var db = RefineryTestResource.database();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                db.queryLong("select count(*) from feedback.feedback_items where id = ?", id) == 1);
        List<ConsumerRecord<String, String>> dlq = TestTopics.awaitRecord(servers, "refinery.feedback.submissions.dlq",
                r -> r.value().contains("\"bad\""), Duration.ofSeconds(30));
        ConsumerRecord<String, String> poison = dlq.get(dlq.size() - 1);
        assertThat(poison.value()).contains("[EMAIL]").doesNotContain("poison@example.com");
        assertThat(new String(poison.headers().lastHeader("refinery-error").value())).contains("systemKey");
    }
    @Test
    void recentSentimentIsAGaugeBySystemAndChannel() {
        String system = "gauge-bot";
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), system);
        String at = java.time.Instant.now().minusSeconds(3600).toString();
        String body = "[" + item(UUID.randomUUID(), "SOCIAL", "gauge", "Terrible, useless bot") + ","
                + item(UUID.randomUUID(), "SOCIAL", "gauge", "Terrible and slow") + "]";
        body = body.replace("2026-11-20T10:00:00Z", at).replace(SYSTEM, system);
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post("/api/v1/feedback")
                .then().statusCode(202).body("accepted", equalTo(2));
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            String line = metrics.lines().filter(l -> l.startsWith("refinery_feedback_sentiment{")
                    && l.contains("channel=\"SOCIAL\"") && l.contains("system=\"" + system + "\"")).findFirst().orElse("");
            assertThat(line).isNotEmpty();
            assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).isBetween(-1.0, -0.1);
        });
    }
}
