package io.refinery.oversight.console.api;

import static io.refinery.oversight.OversightApi.INGEST;
import static io.refinery.oversight.OversightApi.VIEWER;
import static io.refinery.oversight.OversightApi.pricingPolicy;
import static io.refinery.oversight.OversightApi.register;
import static io.refinery.oversight.OversightApi.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.restassured.response.Response;

/**
 * Issue 18: deciding on the console goes through the same rules as the API: roles, form tokens, a required rationale,
 * four eyes with two different approvers, nobody deciding their own request, claims.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ConsoleDecisionsTest {

    private static final ConsoleBrowser VICTOR = ConsoleBrowser.as("victor", "viewer");
    private static final ConsoleBrowser CAROL = ConsoleBrowser.as("carol", "reviewer");
    private static final ConsoleBrowser DAVE = ConsoleBrowser.as("dave", "reviewer");
    private static final ConsoleBrowser BOB = ConsoleBrowser.as("bob", "approver");

    private static UUID pending(String system, double amount) {
        register(system, "LOW");
        pricingPolicy(system);
        UUID id = UUID.randomUUID();
        submit(INGEST, id, system, 0.3, amount).statusCode(201);
        return id;
    }

    private static String state(UUID id) {
        return given().header("Authorization", VIEWER).get("/api/v1/reviews/" + id).then().statusCode(200).extract()
                .path("state");
    }

    @Test
    void anApprovalWithARationaleLeavesTheQueue() {
        UUID id = pending("console-approve", 100);
        assertThat(CAROL.get("/console/queue?system=console-approve").asString()).contains(id.toString());
        String page = CAROL.get("/console/reviews/" + id).then().statusCode(200).extract().asString();
        assertThat(page).contains("name=\"outcome\" value=\"APPROVE\"", "name=\"outcome\" value=\"REJECT\"",
                "<label for=\"rationale\">");

        Response blank = CAROL.post("/console/reviews/" + id + "/decision", "outcome", "APPROVE", "rationale", "  ");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.asString()).contains("Give a rationale", "aria-invalid=\"true\"");
        Response modifyWithout = CAROL.post("/console/reviews/" + id + "/decision", "outcome", "MODIFY", "rationale", "cap it");
        assertThat(modifyWithout.statusCode()).isEqualTo(400);
        assertThat(modifyWithout.asString()).contains("Modify needs the modifications", ">cap it</textarea>");
        assertThat(state(id)).isEqualTo("PENDING");

        Response approved = CAROL.post("/console/reviews/" + id + "/decision", "outcome", "APPROVE", "rationale",
                "margin stays above 12 %");
        assertThat(approved.statusCode()).isEqualTo(303);
        assertThat(approved.header("Location")).isEqualTo("/console/queue?notice=approved");
        given().header("Authorization", VIEWER).get("/api/v1/reviews/" + id).then().body("state", equalTo("APPROVED"))
                .body("decidedBy", equalTo("carol")).body("rationale", equalTo("margin stays above 12 %"));
        String queue = CAROL.get("/console/queue?system=console-approve&notice=approved").asString();
        assertThat(queue).doesNotContain(id.toString()).contains("Approved. The decision is recorded");
        assertThat(CAROL.get("/console/reviews/" + id).asString()).contains("This request is decided")
                .doesNotContain("name=\"outcome\"").contains("Review decided");
    }

    @Test
    void aModificationNeedsJsonAndIsRecorded() {
        UUID id = pending("console-modify", 100);
        CAROL.post("/console/reviews/" + id + "/decision", "outcome", "MODIFY", "rationale", "smaller step",
                "modifications", "{price: 1").then().statusCode(400).body(containsString("not valid JSON"));
        CAROL.post("/console/reviews/" + id + "/decision", "outcome", "MODIFY", "rationale", "smaller step",
                "modifications", "{\"magnitude\": 0.1}").then().statusCode(303)
                .header("Location", equalTo("/console/queue?notice=modified"));
        given().header("Authorization", VIEWER).get("/api/v1/reviews/" + id).then().body("state", equalTo("MODIFIED"))
                .body("modifications.magnitude", equalTo(0.1f));
    }

    @Test
    void aViewerSeesNoDecisionButtonsAndAForgedPostIsRefused() {
        UUID id = pending("console-viewer", 100);
        String page = VICTOR.get("/console/reviews/" + id).then().statusCode(200).extract().asString();
        assertThat(page).doesNotContain("name=\"outcome\"", "/decision\"", "/claim\"")
                .contains("you can read this request, but deciding it needs the reviewer, approver or admin role");
        Response forged = VICTOR.post("/console/reviews/" + id + "/decision", "outcome", "APPROVE", "rationale", "forged");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.contentType()).contains("text/html");
        assertThat(forged.asString()).contains("Not allowed");
        VICTOR.post("/console/reviews/" + id + "/claim").then().statusCode(403);
        assertThat(state(id)).isEqualTo("PENDING");
    }

    @Test
    void aPostWithoutTheFormTokenOrWithAnotherSessionsTokenIsRefused() {
        UUID id = pending("console-csrf", 100);
        Response none = CAROL.postWithoutCsrf("/console/reviews/" + id + "/decision", "outcome", "APPROVE", "rationale", "x");
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.asString()).contains("Form not accepted");
        Response stolen = CAROL.request().contentType("application/x-www-form-urlencoded").formParam("csrf", DAVE.csrf())
                .formParam("outcome", "APPROVE").formParam("rationale", "x").post("/console/reviews/" + id + "/decision");
        assertThat(stolen.statusCode()).isEqualTo(403);
        int plain = CAROL.request().contentType("text/plain").body("outcome=APPROVE&rationale=x")
                .post("/console/reviews/" + id + "/decision").statusCode();
        assertThat(plain).as("a cross-site text/plain form").isIn(403, 415);
        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(CAROL.csrf()).isEqualTo(ConsoleSession.csrfToken(CAROL.token())).isNotEqualTo(DAVE.csrf());
    }

    @Test
    void fourEyesNeedASecondDifferentApprover() {
        UUID id = pending("console-four-eyes", 9000);
        CAROL.post("/console/reviews/" + id + "/decision", "outcome", "APPROVE", "rationale", "fine by me").then()
                .statusCode(303).header("Location", equalTo("/console/queue?notice=approval-recorded"));
        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(CAROL.get("/console/queue?system=console-four-eyes").asString()).contains(id.toString());
        assertThat(CAROL.get("/console/reviews/" + id).asString()).contains("1 of 2 approvals: carol")
                .contains("You gave an approval already").doesNotContain("name=\"outcome\"");
        CAROL.post("/console/reviews/" + id + "/decision", "outcome", "APPROVE", "rationale", "again").then()
                .statusCode(409).body(containsString("the second approval must come from someone else"));
        assertThat(DAVE.get("/console/reviews/" + id).asString()).contains("needs the approver role")
                .contains("value=\"REJECT\"").doesNotContain("value=\"APPROVE\"");
        DAVE.post("/console/reviews/" + id + "/decision", "outcome", "APPROVE", "rationale", "me too").then()
                .statusCode(403).body(containsString("needs the approver role"));
        BOB.post("/console/reviews/" + id + "/decision", "outcome", "APPROVE", "rationale", "second pair of eyes").then()
                .statusCode(303).header("Location", equalTo("/console/queue?notice=approved"));
        given().header("Authorization", VIEWER).get("/api/v1/reviews/" + id).then().body("state", equalTo("APPROVED"))
                .body("approvals.approver", contains("carol", "bob"));
    }

    @Test
    void theAuthorCannotApproveTheirOwnRequest() {
        register("console-author", "LOW");
        pricingPolicy("console-author");
        UUID id = UUID.randomUUID();
        submit(TestTokens.bearer("alice", "ingest", "reviewer"), id, "console-author", 0.3, 100).statusCode(201);
        ConsoleBrowser alice = ConsoleBrowser.as("alice", "reviewer");
        assertThat(alice.get("/console/reviews/" + id).asString()).contains("You submitted this request")
                .doesNotContain("name=\"outcome\"");
        alice.post("/console/reviews/" + id + "/decision", "outcome", "APPROVE", "rationale", "looks right to me").then()
                .statusCode(403).body(containsString("nobody decides a request they submitted"));
        assertThat(state(id)).isEqualTo("PENDING");
    }

    @Test
    void claimAndReleaseShowWhoHoldsARequest() {
        UUID id = pending("console-claim", 100);
        CAROL.post("/console/reviews/" + id + "/claim").then().statusCode(303)
                .header("Location", equalTo("/console/reviews/" + id + "?notice=claimed"));
        assertThat(CAROL.get("/console/queue?system=console-claim").asString()).contains(">carol</td>");
        assertThat(DAVE.get("/console/reviews/" + id).asString()).doesNotContain("/claim\"", "/release\"");
        DAVE.post("/console/reviews/" + id + "/claim").then().statusCode(409).body(containsString("already claimed by carol"));
        assertThat(CAROL.get("/console/reviews/" + id + "?notice=claimed").asString()).contains("You hold this request now")
                .contains("/release\"");
        CAROL.post("/console/reviews/" + id + "/release").then().statusCode(303);
        given().header("Authorization", VIEWER).get("/api/v1/reviews/" + id).then().body("assignee", equalTo(null));
    }
}
