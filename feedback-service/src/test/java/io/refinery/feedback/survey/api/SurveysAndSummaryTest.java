package io.refinery.feedback.survey.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.feedback.intake.api.FeedbackIntakeTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.events.SystemEvents;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class SurveysAndSummaryTest {

    private static final String INGEST = TestTokens.bearer("shop", "ingest");
    private static final String VIEWER = TestTokens.bearer("victor", "viewer");

    private static String survey(String key, String system, String firstQuestion, boolean ack) {
        return "{\"key\":\"" + key + "\",\"systemKey\":\"" + system + "\",\"acknowledgeFindings\":" + ack + ",\"questions\":["
                + "{\"id\":\"q-text\",\"text\":\"" + firstQuestion + "\",\"type\":\"FREE_TEXT\"},"
                + "{\"id\":\"q-nps\",\"text\":\"How likely or unlikely are you to recommend us to a friend?\",\"type\":\"NPS\"},"
                + "{\"id\":\"q-csat\",\"text\":\"How satisfied or dissatisfied are you with the assistant?\",\"type\":\"CSAT\"}]}";
    }

    private static void respond(String survey, String segment, Integer nps, Integer csat, String text) {
        StringBuilder answers = new StringBuilder("{");
        if (nps != null) {
            answers.append("\"q-nps\":").append(nps);
        }
        if (csat != null) {
            answers.append(answers.length() > 1 ? "," : "").append("\"q-csat\":").append(csat);
        }
        if (text != null) {
            answers.append(answers.length() > 1 ? "," : "").append("\"q-text\":\"").append(text).append("\"");
        }
        answers.append("}");
        given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body("{\"id\":\"" + UUID.randomUUID() + "\",\"respondentSegment\":\"" + segment + "\",\"answers\":" + answers
                        + ",\"occurredAt\":\"2026-11-10T12:00:00Z\"}")
                .post("/api/v1/surveys/" + survey + "/responses").then().statusCode(202).body("stored", equalTo(true));
    }

    @Test
    void lintFlagsLeadingQuestionsAndPassesNeutralOnes() {
        given().header("Authorization", VIEWER).contentType(ContentType.JSON)
                .body("{\"questions\":[{\"id\":\"a\",\"text\":\"Don't you agree that our amazing bot is helpful?\",\"type\":\"RATING\"},"
                        + "{\"id\":\"b\",\"text\":\"How would you rate the relevance of the recommendations?\",\"type\":\"RATING\"}]}")
                .post("/api/v1/surveys/lint").then().statusCode(200)
                .body("", hasSize(1)).body("[0].questionId", equalTo("a"))
                .body("[0].findings.rule", hasItem("LEADING")).body("[0].findings.rule", hasItem("LOADED"));
    }

    @Test
    void blockingFindingsRefuseUnlessAcknowledged() {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), "survey-bot");
        String leading = "How much did you enjoy our amazing assistant?";
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(survey("s-lead", "survey-bot", leading, false))
                .post("/api/v1/surveys").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("questions[q-text].text")).body("findings[0].findings.rule", hasItem("ASSUMPTION"));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(survey("s-lead", "survey-bot", leading, true))
                .post("/api/v1/surveys").then().statusCode(201).body("acknowledged", equalTo(true));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(survey("s-lead", "survey-bot", leading, true))
                .post("/api/v1/surveys").then().statusCode(409).body("errors[0].field", equalTo("key"));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(survey("s-x", "nobody", "What would you change?", false))
                .post("/api/v1/surveys").then().statusCode(400).body("errors[0].field", equalTo("systemKey"));
        given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body("{\"key\":\"s-bad\",\"systemKey\":\"survey-bot\",\"questions\":[{\"id\":\"a\",\"text\":\"x\",\"type\":\"ESSAY\"}]}")
                .post("/api/v1/surveys").then().statusCode(400).body("errors[0].field", equalTo("questions[0].type"));
        given().header("Authorization", VIEWER).contentType(ContentType.JSON).body(survey("s-v", "survey-bot", "Why?", true))
                .post("/api/v1/surveys").then().statusCode(403);
    }

    @Test
    void responsesAreCheckedAndFreeTextIsRedactedIntoFeedback() {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), "survey-bot");
        given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body(survey("s-resp", "survey-bot", "What, if anything, would you change?", false))
                .post("/api/v1/surveys").then().statusCode(201);
        respond("s-resp", "freetext", 9, 5, "Make it faster, I am resp.pii@example.com");
        given().header("Authorization", VIEWER).queryParam("segment", "freetext").get("/api/v1/feedback").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].channel", equalTo("SURVEY"))
                .body("items[0].text", equalTo("Make it faster, I am [EMAIL]"));
        given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body("{\"id\":\"" + UUID.randomUUID() + "\",\"respondentSegment\":\"vip\",\"answers\":{\"q-nps\":11,\"q-zzz\":1}}")
                .post("/api/v1/surveys/s-resp/responses").then().statusCode(400)
                .body("errors.field", hasItem("answers.q-nps")).body("errors.field", hasItem("answers.q-zzz"));
        given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body("{\"id\":\"" + UUID.randomUUID() + "\",\"respondentSegment\":\"vip\",\"answers\":{\"q-nps\":1}}")
                .post("/api/v1/surveys/none/responses").then().statusCode(404);
    }

    @Test
    void segmentSummariesAreRightOnAFixedDataSet() {
        String system = "summary-bot";
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), system);
        String items = "[" + FeedbackIntakeTest.item(UUID.randomUUID(), "SURVEY", "vip", "Terrible, useless bot").replace("intake-bot", system)
                + "," + FeedbackIntakeTest.item(UUID.randomUUID(), "SURVEY", "vip", "Awful, the bot is broken and I could not talk to a human").replace("intake-bot", system)
                + "," + FeedbackIntakeTest.item(UUID.randomUUID(), "SURVEY", "vip", "Great, very helpful").replace("intake-bot", system)
                + "," + FeedbackIntakeTest.item(UUID.randomUUID(), "SOCIAL", "new", "Love it").replace("intake-bot", system)
                + "," + FeedbackIntakeTest.item(UUID.randomUUID(), "SOCIAL", "new", "Excellent answers").replace("intake-bot", system)
                + "]";
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(items).post("/api/v1/feedback")
                .then().statusCode(202).body("accepted", equalTo(5));
        given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body(survey("s-sum", system, "What, if anything, would you change?", false))
                .post("/api/v1/surveys").then().statusCode(201);
        respond("s-sum", "vip", 10, 5, null);
        respond("s-sum", "vip", 9, 2, null);
        respond("s-sum", "vip", 3, 4, null);
        respond("s-sum", "vip", 7, null, null);
        respond("s-sum", "new", 10, 5, null);

        given().header("Authorization", VIEWER).queryParam("from", "2026-11-01T00:00:00Z").queryParam("to", "2026-12-01T00:00:00Z")
                .queryParam("groupBy", "segment").get("/api/v1/systems/" + system + "/feedback/summary").then().statusCode(200)
                .body("total.count", equalTo(5)).body("total.shareNegative", equalTo(0.4f))
                .body("total.nps", equalTo(40.0f)).body("total.csat", equalTo(75.0f))
                .body("groups", hasSize(2))
                .body("groups.find { it.segment == 'vip' }.count", equalTo(3))
                .body("groups.find { it.segment == 'vip' }.shareNegative", equalTo(0.6667f))
                .body("groups.find { it.segment == 'vip' }.nps", equalTo(25.0f))
                .body("groups.find { it.segment == 'vip' }.csat", equalTo(66.6667f))
                .body("groups.find { it.segment == 'vip' }.topThemes.theme", hasItem("cannot-reach-human"))
                .body("groups.find { it.segment == 'new' }.shareNegative", equalTo(0.0f))
                .body("groups.find { it.segment == 'new' }.nps", equalTo(100.0f))
                .body("groups.find { it.segment == 'new' }.channel", nullValue());
        given().header("Authorization", VIEWER).queryParam("from", "2026-11-01T00:00:00Z").queryParam("to", "2026-12-01T00:00:00Z")
                .queryParam("groupBy", "channel,segment").get("/api/v1/systems/" + system + "/feedback/summary").then().statusCode(200)
                .body("groups.find { it.channel == 'SOCIAL' }.nps", nullValue())
                .body("groups.find { it.channel == 'SURVEY' }.nps", equalTo(25.0f));
        given().header("Authorization", VIEWER).queryParam("groupBy", "colour")
                .get("/api/v1/systems/" + system + "/feedback/summary").then().statusCode(400).body("errors[0].field", equalTo("groupBy"));
        given().header("Authorization", VIEWER).get("/api/v1/systems/nobody/feedback/summary").then().statusCode(404)
                .body("detail", containsString("nobody"));
    }
}
