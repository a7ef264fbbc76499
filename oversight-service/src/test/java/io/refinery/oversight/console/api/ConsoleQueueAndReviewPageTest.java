package io.refinery.oversight.console.api;

import static io.refinery.oversight.OversightApi.BOB;
import static io.refinery.oversight.OversightApi.CAROL;
import static io.refinery.oversight.OversightApi.INGEST;
import static io.refinery.oversight.OversightApi.VIEWER;
import static io.refinery.oversight.OversightApi.pricingPolicy;
import static io.refinery.oversight.OversightApi.register;
import static io.refinery.oversight.OversightApi.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Issue 18: the queue page's filters and empty state, and the review page's content, escaping and evidence notices. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ConsoleQueueAndReviewPageTest {

    private static final ConsoleBrowser VICTOR = ConsoleBrowser.as("victor", "viewer");

    @Test
    void theQueueFiltersBySystemActionTypeTierAndState() {
        register("console-q1", "LOW");
        pricingPolicy("console-q1");
        register("console-q2", "LOW");
        pricingPolicy("console-q2");
        UUID price = UUID.randomUUID();
        UUID fourEyes = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID auto = UUID.randomUUID();
        submit(INGEST, price, "console-q1", 0.3, 100).statusCode(201);
        submit(INGEST, fourEyes, "console-q1", 0.3, 9000).statusCode(201);
        submit(INGEST, other, "console-q2", 0.3, 100).statusCode(201);
        submit(INGEST, auto, "console-q1", 0.05, 100).statusCode(201);
        submitAction("console-q1", "PROMO_CODE", "Give 20% off to returning customers", "{\"code\": \"BACK20\"}");

        String q1 = VICTOR.get("/console/queue?system=console-q1&actionType=PRICE_CHANGE").then().statusCode(200)
                .extract().asString();
        assertThat(q1).contains(price.toString(), fourEyes.toString()).doesNotContain(other.toString(), auto.toString())
                .doesNotContain("Give 20% off").contains("four eyes").contains("On time");
        assertThat(q1.indexOf(fourEyes.toString())).as("sorted by due time: the 2 h SLA first").isLessThan(q1.indexOf(price.toString()));
        assertThat(VICTOR.get("/console/queue?system=console-q1&actionType=PROMO_CODE&state=ANY").asString())
                .contains("Give 20% off").doesNotContain(price.toString());
        assertThat(VICTOR.get("/console/queue?system=console-q1&state=AUTO_APPROVED").asString())
                .contains(auto.toString()).doesNotContain(price.toString());
        assertThat(VICTOR.get("/console/queue?system=console-q1&tier=EXCEPTION_HANDLING&state=ANY").asString())
                .contains(auto.toString()).doesNotContain(price.toString());
        VICTOR.get("/console/queue?system=console-q2&tier=SOMETIMES").then().statusCode(200)
                .body(containsString("Ignored the tier filter"), containsString(other.toString()));
        VICTOR.get("/console/queue?system=console-nobody").then().statusCode(200)
                .body(containsString("No request matches these filters"), containsString("Clear filters"));
    }

    @Test
    void userTextIsShownAsTextNeverAsMarkup() {
        register("console-xss", "LOW");
        UUID id = submitAction("console-xss", "CONTENT_CHANGE", "<script>alert(1)</script>",
                "{\"headline\": \"<img src=x onerror=alert(2)>\", \"items\": [{\"sku\": \"<b>1</b>\", \"price\": 3}]}");
        String queue = VICTOR.get("/console/queue?system=console-xss&state=ANY").asString();
        assertThat(queue).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)</script>");
        String page = VICTOR.get("/console/reviews/" + id).then().statusCode(200).extract().asString();
        assertThat(page).contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; · Refinery</title>")
                .contains("&lt;img src=x onerror=alert(2)&gt;", "&lt;b&gt;1&lt;/b&gt;")
                .doesNotContain("<script>alert(1)</script>", "<img src=x", "<b>1</b>");
        // the payload is a readable list and table, not raw JSON
        assertThat(page).contains("<dt>Headline</dt>", "<caption>Items</caption>", "<th scope=\"col\">Sku</th>")
                .doesNotContain("{&quot;headline&quot;");
    }

    @Test
    void theReviewPageShowsTheRequestHistoryAndEvidenceNoticesWhenTheOtherServicesAreDown() {
        register("console-ev", "LOW");
        UUID id = submitAction("console-ev", "ALERT_REVIEW", "CTR below baseline for five days",
                "{\"alertId\": \"" + UUID.randomUUID() + "\", \"metric\": \"ctr\"}");
        String page = VICTOR.get("/console/reviews/" + id).then().statusCode(200).extract().asString();
        assertThat(page).contains("CTR below baseline for five days", "Alert and its metric against the baseline",
                "Latest drift run", "Feedback themes in the week before the request", "Running experiments")
                .contains("metrics-service could not be reached", "feedback-service could not be reached",
                        "experiment-service could not be reached")
                .contains("Review submitted", "pricing-bot")
                .contains("<time datetime=\"");
    }

    @Test
    void unknownAndMalformedRequestsArePagesNotErrors() {
        VICTOR.get("/console/reviews/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(containsString("text/html")).body(containsString("Back to the queue"));
        VICTOR.get("/console/reviews/not%20an%20id").then().statusCode(400).contentType(containsString("text/html"));
        VICTOR.get("/console/queue?state=ANY&system=" + "x".repeat(300)).then().statusCode(200)
                .body(containsString("Ignored the system filter"));
    }

    @Test
    void theHeaderCountsOverdueRequestsAndTheEmptyQueueSaysWhatToDo() {
        String page = VICTOR.get("/console/queue?system=console-empty").asString();
        assertThat(page).containsPattern("<span class=\"count\">\\d+</span> overdue")
                .contains("<nav class=\"nav\" aria-label=\"Console\">", "<main id=\"main\"", "Skip to the content");
        given().redirects().follow(false).cookie(ConsoleSession.SESSION_COOKIE, VICTOR.token()).get("/console")
                .then().statusCode(200).body(not(containsString("name=\"outcome\"")));
    }

    @Test
    void aDeepCollaborationRequestShowsItsSessionAsAThread() {
        register("console-deep", "LOW");
        given().header("Authorization", BOB).contentType(ContentType.JSON).body("""
                {"rules": [{"actionType": "CONTENT_PUBLISH", "conditions": ["category in [health]"], "tier": "DEEP_COLLABORATION"}]}
                """).put("/api/v1/systems/console-deep/policies").then().statusCode(200);
        UUID id = submitAction("console-deep", "CONTENT_PUBLISH", "Publish a supplement article", "{\"category\": \"health\"}");
        given().header("Authorization", CAROL).post("/api/v1/reviews/" + id + "/session/participants").then().statusCode(200);
        given().header("Authorization", CAROL).contentType(ContentType.JSON)
                .body("{\"body\": \"<i>claims</i> look medical\", \"link\": \"https://example.org/guidance\"}")
                .post("/api/v1/reviews/" + id + "/session/notes").then().statusCode(200);
        String page = ConsoleBrowser.as("dave", "reviewer").get("/console/reviews/" + id).then().statusCode(200).extract()
                .asString();
        assertThat(page).contains("Collaboration session", "Taking part: carol.", "&lt;i&gt;claims&lt;/i&gt; look medical",
                "<a href=\"https://example.org/guidance\" rel=\"noopener noreferrer nofollow\">", "decided jointly")
                .doesNotContain("name=\"outcome\"");
    }

    @Test
    void peopleJoinTheSessionPostNotesAndDecideTogetherOnTheConsole() {
        register("console-session", "LOW");
        given().header("Authorization", BOB).contentType(ContentType.JSON).body("""
                {"rules": [{"actionType": "CONTENT_PUBLISH", "conditions": ["category in [health]"], "tier": "DEEP_COLLABORATION"}]}
                """).put("/api/v1/systems/console-session/policies").then().statusCode(200);
        UUID id = submitAction("console-session", "CONTENT_PUBLISH", "Publish a vitamin guide", "{\"category\": \"health\"}");
        String path = "/console/reviews/" + id;
        ConsoleBrowser dave = ConsoleBrowser.as("dave", "reviewer");
        ConsoleBrowser erin = ConsoleBrowser.as("erin", "approver");

        assertThat(dave.get(path).asString()).contains("Join the session").doesNotContain("name=\"note\"");
        assertThat(ConsoleBrowser.as("victor", "viewer").get(path).asString()).doesNotContain("Join the session");
        Response joined = dave.post(path + "/session/join");
        assertThat(joined.statusCode()).isEqualTo(303);
        assertThat(joined.header("Location")).isEqualTo(path + "?notice=joined");
        String page = dave.get(path + "?notice=joined").asString();
        assertThat(page).contains("You joined the session", "Taking part: dave.", "<label for=\"note\">Note</label>",
                "a joint decision needs at least 2 participants; the session has 1").doesNotContain("name=\"outcome\"");

        Response blank = dave.post(path + "/session/notes", "note", "  ", "link", "");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.asString()).contains("Write the note before posting it.");
        Response badLink = dave.post(path + "/session/notes", "note", "Dosage <b>claims</b> need a source", "link",
                "javascript:alert(1)");
        assertThat(badLink.statusCode()).isEqualTo(400);
        assertThat(badLink.asString()).contains("must be an http(s) address", "Dosage &lt;b&gt;claims&lt;/b&gt; need a source</textarea>",
                "value=\"javascript:alert(1)\"").doesNotContain("href=\"javascript:");
        Response posted = dave.post(path + "/session/notes", "note", "Dosage <b>claims</b> need a source", "link",
                "https://example.org/dosage");
        assertThat(posted.statusCode()).isEqualTo(303);
        assertThat(dave.get(path).asString()).contains("Dosage &lt;b&gt;claims&lt;/b&gt; need a source",
                "<a href=\"https://example.org/dosage\"");
        dave.postWithoutCsrf(path + "/session/notes", "note", "forged").then().statusCode(403);

        erin.post(path + "/session/join").then().statusCode(303);
        String together = erin.get(path).asString();
        assertThat(together).contains("Taking part: dave, erin.", "action=\"" + path + "/session/decision\"",
                "You decide for the session");
        Response decided = erin.post(path + "/session/decision", "outcome", "APPROVE", "rationale",
                "Sources checked together in the session");
        assertThat(decided.statusCode()).isEqualTo(303);
        assertThat(decided.header("Location")).isEqualTo("/console/queue?notice=approved");
        given().header("Authorization", VIEWER).get("/api/v1/reviews/" + id).then().statusCode(200)
                .body("state", equalTo("APPROVED"));
        assertThat(dave.get(path).asString()).contains("This request is decided").doesNotContain("name=\"note\"");
    }

    static UUID submitAction(String system, String actionType, String summary, String payload) {
        UUID id = UUID.randomUUID();
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("""
                {"id": "%s", "systemKey": "%s", "actionType": "%s", "summary": %s, "payload": %s, "magnitude": 0.4,
                 "confidence": 0.9}""".formatted(id, system, actionType, quote(summary), payload))
                .post("/api/v1/reviews").then().statusCode(201);
        return id;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
