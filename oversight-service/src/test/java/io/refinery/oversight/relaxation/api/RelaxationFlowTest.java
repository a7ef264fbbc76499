package io.refinery.oversight.relaxation.api;

import static io.refinery.oversight.OversightApi.ALICE;
import static io.refinery.oversight.OversightApi.BOB;
import static io.refinery.oversight.OversightApi.INGEST;
import static io.refinery.oversight.OversightApi.VIEWER;
import static io.refinery.oversight.OversightApi.decide;
import static io.refinery.oversight.OversightApi.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.oversight.OversightApi;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Relaxation on the real database and broker: 50 clean decisions open an OVERSIGHT_RELAXATION review that only an
 * approver can approve, and its approval lands as a new policy version; an incident (a reviewer's rejection of an
 * auto-approved action, or a CRITICAL alert from the broker right after one) tightens one tier at once.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class RelaxationFlowTest {

    private static ValidatableResponse submit(String key, String action, Double magnitude) {
        return given().header("Authorization", INGEST).contentType(ContentType.JSON).body("""
                {"id": "%s", "systemKey": "%s", "actionType": "%s", "summary": "an AI action", "payload": {},
                 "magnitude": %s, "confidence": 0.95}
                """.formatted(UUID.randomUUID(), key, action, magnitude)).post("/api/v1/reviews").then().statusCode(201);
    }

    private static void approveRun(String key, String action, Double magnitude, int n) {
        for (int i = 0; i < n; i++) {
            String id = submit(key, action, magnitude).body("state", equalTo("PENDING")).extract().path("id");
            decide(ALICE, UUID.fromString(id), "APPROVE").statusCode(200);
        }
    }

    private static JsonPath track(String key, String action) {
        JsonPath overview = given().header("Authorization", VIEWER).get("/api/v1/systems/" + key + "/relaxation").then()
                .statusCode(200).extract().jsonPath();
        return new JsonPath(overview.prettify()).setRootPath("tracks.find { it.actionType == '" + action + "' }");
    }

    private static JsonPath policy(String key) {
        return given().header("Authorization", VIEWER).get("/api/v1/systems/" + key + "/policies").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void fiftyCleanDecisionsProposeARelaxationThatOnlyAnApproverTurnsIntoAPolicyVersion() throws Exception {
        register("relax-content", "MEDIUM");
        approveRun("relax-content", "CONTENT_PUBLISH", null, 49);
        JsonPath before = track("relax-content", "CONTENT_PUBLISH");
        assertThat(before.getInt("decisions")).isEqualTo(49);
        assertThat(before.getBoolean("meetsBar")).isFalse();
        assertThat(before.getString("pendingProposal")).isNull();
        assertThat(before.getList("reasons", String.class).get(0)).isEqualTo("not yet: 49 decisions (bar: 50)");

        approveRun("relax-content", "CONTENT_PUBLISH", null, 1);
        JsonPath after = track("relax-content", "CONTENT_PUBLISH");
        assertThat(after.getInt("decisions")).isEqualTo(50);
        assertThat(after.getDouble("unmodifiedRate")).isEqualTo(1.0);
        assertThat(after.getDouble("wilsonLowerBound")).isBetween(0.928, 0.929);
        String proposal = after.getString("pendingProposal");
        assertThat(proposal).isNotNull();

        given().header("Authorization", VIEWER).get("/api/v1/reviews/" + proposal).then().statusCode(200)
                .body("actionType", equalTo("OVERSIGHT_RELAXATION")).body("state", equalTo("PENDING"))
                .body("tier", equalTo("REVIEW_AND_APPROVAL")).body("submittedBy", equalTo("oversight-service"))
                .body("payload.actionType", equalTo("CONTENT_PUBLISH")).body("payload.fromShift", equalTo(0))
                .body("payload.toShift", equalTo(-1)).body("payload.decisions", equalTo(50));
        // one proposal at a time: a further clean decision does not open another
        approveRun("relax-content", "CONTENT_PUBLISH", null, 1);
        assertThat(RefineryTestResource.database().queryLong("select count(*) from oversight.reviews where system_key = ?"
                + " and action_type = 'OVERSIGHT_RELAXATION'", "relax-content")).isEqualTo(1);

        decide(ALICE, UUID.fromString(proposal), "APPROVE").statusCode(403).body("errors[0].field", equalTo("decidedBy"));
        given().header("Authorization", BOB).contentType(ContentType.JSON)
                .body("{\"outcome\": \"MODIFY\", \"rationale\": \"halfway\", \"modifications\": {\"shift\": 0}}")
                .post("/api/v1/reviews/" + proposal + "/decision").then().statusCode(400)
                .body("errors[0].field", equalTo("outcome"));
        decide(BOB, UUID.fromString(proposal), "APPROVE").statusCode(200).body("state", equalTo("APPROVED"));

        JsonPath p = policy("relax-content");
        assertThat(p.getInt("version")).isEqualTo(1);
        assertThat(p.getString("createdBy")).isEqualTo("bob");
        assertThat(p.getString("policy.tierShifts[0].actionType")).isEqualTo("CONTENT_PUBLISH");
        assertThat(p.getInt("policy.tierShifts[0].shift")).isEqualTo(-1);
        assertThat(p.getString("policy.tierShifts[0].reason")).contains("relaxation approved by bob in review " + proposal);
        given().header("Authorization", VIEWER).queryParam("systemKey", "relax-content").queryParam("limit", 500)
                .get("/api/v1/audit").then().statusCode(200)
                .body("items.findAll { it.action == 'POLICY_CHANGED' }.actor", org.hamcrest.Matchers.contains("bob"));

        // the next request is reviewed one tier lower, and the track starts again
        submit("relax-content", "CONTENT_PUBLISH", null).body("tier", equalTo("DEEP_COLLABORATION"))
                .body("resolution", containsString("relaxed by 1 tier(s) for CONTENT_PUBLISH"));
        JsonPath restarted = track("relax-content", "CONTENT_PUBLISH");
        assertThat(restarted.getInt("shift")).isEqualTo(-1);
        assertThat(restarted.getInt("decisions")).isZero();

        // nobody outside this service opens a relaxation
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("""
                {"id": "%s", "systemKey": "relax-content", "actionType": "OVERSIGHT_RELAXATION", "summary": "relax please"}
                """.formatted(UUID.randomUUID())).post("/api/v1/reviews").then().statusCode(400)
                .body("errors[0].field", equalTo("actionType"));
    }

    @Test
    void aReviewersRejectionOfAnAutoApprovedActionTightensAtOnceAndWithdrawsThePendingProposal() {
        register("relax-pricing", "MEDIUM");
        given().header("Authorization", BOB).contentType(ContentType.JSON).body("""
                {"rules": [
                  {"actionType": "PRICE_CHANGE", "conditions": ["magnitude <= 0.10"], "tier": "EXCEPTION_HANDLING"},
                  {"actionType": "PRICE_CHANGE", "conditions": ["magnitude > 0.10"], "tier": "REVIEW_AND_APPROVAL"}]}
                """).put("/api/v1/systems/relax-pricing/policies").then().statusCode(200);
        approveRun("relax-pricing", "PRICE_CHANGE", 0.2, 50);
        String proposal = track("relax-pricing", "PRICE_CHANGE").getString("pendingProposal");
        assertThat(proposal).isNotNull();
        String auto = submit("relax-pricing", "PRICE_CHANGE", 0.05).body("state", equalTo("AUTO_APPROVED")).extract().path("id");

        String overrideBody = "{\"rationale\": \"the discount went below cost\"}";
        given().header("Authorization", VIEWER).contentType(ContentType.JSON).body(overrideBody)
                .post("/api/v1/reviews/" + auto + "/override").then().statusCode(403);
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body(overrideBody)
                .post("/api/v1/reviews/" + proposal + "/override").then().statusCode(409);
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/reviews/" + auto + "/override").then().statusCode(400).body("errors[0].field", containsString("rationale"));
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body(overrideBody)
                .post("/api/v1/reviews/" + auto + "/override").then().statusCode(201)
                .body("kind", equalTo("OVERRIDE")).body("shiftBefore", equalTo(0)).body("shiftAfter", equalTo(1))
                .body("policyVersion", equalTo(2)).body("reason", containsString("tightened one tier"));
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body(overrideBody)
                .post("/api/v1/reviews/" + auto + "/override").then().statusCode(409);

        given().header("Authorization", VIEWER).get("/api/v1/reviews/" + proposal).then()
                .body("state", equalTo("REJECTED")).body("decidedBy", equalTo("oversight-service"))
                .body("rationale", startsWith("withdrawn: incident: reviewer alice rejected auto-approved PRICE_CHANGE"));
        JsonPath p = policy("relax-pricing");
        assertThat(p.getInt("version")).isEqualTo(2);
        assertThat(p.getString("createdBy")).isEqualTo("oversight-service");
        assertThat(p.getInt("policy.tierShifts[0].shift")).isEqualTo(1);
        assertThat(p.getList("policy.rules")).hasSize(2);

        submit("relax-pricing", "PRICE_CHANGE", 0.05).body("state", equalTo("PENDING")).body("tier", equalTo("DEEP_COLLABORATION"));
        given().header("Authorization", OversightApi.ADMIN).post("/api/v1/reviews/escalations").then().statusCode(200);
        given().header("Authorization", VIEWER).get("/q/metrics").then().body(containsString(
                "refinery_oversight_tier_shift{action=\"PRICE_CHANGE\",system=\"relax-pricing\"} 1.0"));
        JsonPath t = track("relax-pricing", "PRICE_CHANGE");
        assertThat(t.getInt("incidentsInWindow")).isEqualTo(1);
        assertThat(t.getBoolean("meetsBar")).isFalse();
        // an approver's PUT without tierShifts keeps the incident's shift
        given().header("Authorization", BOB).contentType(ContentType.JSON).body("""
                {"rules": [{"actionType": "PRICE_CHANGE", "conditions": ["magnitude > 0.20"], "tier": "REVIEW_AND_APPROVAL"}]}
                """).put("/api/v1/systems/relax-pricing/policies").then().statusCode(200)
                .body("version", equalTo(3)).body("policy.tierShifts[0].shift", equalTo(1))
                .body("policy.tierShifts[0].reason", startsWith("incident: "));
        // given shifts are checked, and an empty list clears them (an approver's choice, audited like any change)
        given().header("Authorization", BOB).contentType(ContentType.JSON).body("""
                {"rules": [], "tierShifts": [{"actionType": "PRICE_CHANGE", "shift": 3}]}
                """).put("/api/v1/systems/relax-pricing/policies").then().statusCode(400)
                .body("errors[0].field", containsString("shift"));
        given().header("Authorization", BOB).contentType(ContentType.JSON).body("""
                {"rules": [], "tierShifts": [{"actionType": "PRICE_CHANGE", "shift": 1}, {"actionType": "PRICE_CHANGE", "shift": 0}]}
                """).put("/api/v1/systems/relax-pricing/policies").then().statusCode(400)
                .body("errors[0].field", equalTo("tierShifts[1].actionType"));
        given().header("Authorization", BOB).contentType(ContentType.JSON).body("""
                {"rules": [], "tierShifts": [{"actionType": "PRICE_CHANGE", "shift": 1}]}
                """).put("/api/v1/systems/relax-pricing/policies").then().statusCode(200)
                .body("version", equalTo(4)).body("policy.tierShifts[0].reason", startsWith("incident: "));
        given().header("Authorization", BOB).contentType(ContentType.JSON).body("""
                {"rules": [], "tierShifts": []}
                """).put("/api/v1/systems/relax-pricing/policies").then().statusCode(200)
                .body("version", equalTo(5)).body("policy.tierShifts.size()", equalTo(0));
    }

    private static long counted(String key, String state) throws Exception {
        return RefineryTestResource.database().queryLong("select coalesce(sum(decisions), 0) from oversight.review_decision_counts"
                + " where system_key = ? and state = ?", key, state);
    }

    private static long decided(String key, String state) throws Exception {
        return RefineryTestResource.database().queryLong("select count(*) from oversight.reviews where system_key = ?"
                + " and state = ? and decided_at is not null", key, state);
    }

    @Test
    void theDecisionCountersFollowEveryChangeOfTheReviewsAndTheTrackCountsOnlyWhatIsAfterItsStart() throws Exception {
        register("relax-counts", "MEDIUM");
        approveRun("relax-counts", "CATALOG_EDIT", null, 3);
        submit("relax-counts", "CATALOG_EDIT", null);
        String rejected = submit("relax-counts", "CATALOG_EDIT", null).extract().path("id");
        decide(ALICE, UUID.fromString(rejected), "REJECT").statusCode(200);
        assertThat(counted("relax-counts", "APPROVED")).isEqualTo(decided("relax-counts", "APPROVED")).isEqualTo(3);
        assertThat(counted("relax-counts", "REJECTED")).isEqualTo(decided("relax-counts", "REJECTED")).isEqualTo(1);
        assertThat(counted("relax-counts", "PENDING")).isZero();

        // a decision moved into another hour and state, and one deleted: the counters move with them, in any session
        var db = RefineryTestResource.database();
        db.update("update oversight.reviews set state = 'MODIFIED', decided_at = decided_at - interval '3 hours'"
                + " where id = (select id from oversight.reviews where system_key = ? and state = 'APPROVED' limit 1)", "relax-counts");
        db.update("delete from oversight.review_approvals where review_id = ?::uuid", rejected);
        db.update("delete from oversight.reviews where id = ?::uuid", rejected);
        assertThat(counted("relax-counts", "APPROVED")).isEqualTo(decided("relax-counts", "APPROVED")).isEqualTo(2);
        assertThat(counted("relax-counts", "MODIFIED")).isEqualTo(decided("relax-counts", "MODIFIED")).isEqualTo(1);
        assertThat(counted("relax-counts", "REJECTED")).isEqualTo(decided("relax-counts", "REJECTED")).isZero();
        assertThat(db.queryLong("select count(distinct hour) from oversight.review_decision_counts where system_key = ?"
                + " and decisions > 0", "relax-counts")).isBetween(2L, 3L);

        // the track counts decisions after its start: the whole hours from the counters, the start's hour exactly
        JsonPath t = track("relax-counts", "CATALOG_EDIT");
        assertThat(t.getInt("decisions")).isEqualTo(3);
        assertThat(t.getInt("approvedUnmodified")).isEqualTo(2);
        assertThat(t.getInt("modified")).isEqualTo(1);
        db.update("update oversight.reviews set decided_at = now() - interval '31 days' where system_key = ?"
                + " and state = 'MODIFIED'", "relax-counts");
        assertThat(track("relax-counts", "CATALOG_EDIT").getInt("decisions")).isEqualTo(2);
    }

    private static String alertFired(String eventId, String key, String severity) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/metrics-service", "type": "io.refinery.metrics.alert.fired.v1",
                 "subject": "%s", "time": "%s", "datacontenttype": "application/json",
                 "data": {"alertId": "%s", "systemKey": "%s", "metric": "conversion_rate", "segment": null,
                          "severity": "%s", "consecutiveBreaches": 2, "firedAt": "%s"}}
                """.formatted(eventId, key, Instant.now(), UUID.randomUUID(), key, severity, Instant.now().plusSeconds(1));
    }

    @Test
    void aCriticalAlertFromTheBrokerTightensTheActionTypesAutoApprovedJustBefore() throws Exception {
        register("relax-alerts", "LOW");
        submit("relax-alerts", "INVENTORY_ADJUSTMENT", null).body("state", equalTo("AUTO_APPROVED"));
        submit("relax-alerts", "ALERT_REVIEW", null).body("state", equalTo("AUTO_APPROVED"));
        String bootstrap = RefineryTestResource.bootstrapServers();
        String critical = alertFired(UUID.randomUUID().toString(), "relax-alerts", "CRITICAL");
        TestTopics.sendCloudEvent(bootstrap, "refinery.metrics.alerts", "relax-alerts",
                alertFired(UUID.randomUUID().toString(), "relax-alerts", "WARNING"));
        TestTopics.sendCloudEvent(bootstrap, "refinery.metrics.alerts", "relax-alerts", critical);
        TestTopics.send(bootstrap, "refinery.metrics.alerts", "relax-alerts", "{not json");

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/systems/relax-alerts/policies").then().statusCode(200)
                .body("policy.tierShifts.find { it.actionType == 'INVENTORY_ADJUSTMENT' }.shift", equalTo(1)));
        TestTopics.awaitRecord(bootstrap, "refinery.metrics.alerts.dlq", r -> r.value().contains("{not json"),
                Duration.ofSeconds(30));

        // redelivery counts nothing twice; a later alert ties only actions auto-approved since the last change
        TestTopics.sendCloudEvent(bootstrap, "refinery.metrics.alerts", "relax-alerts", critical);
        submit("relax-alerts", "CHATBOT_ESCALATION", null).body("state", equalTo("AUTO_APPROVED"));
        submit("relax-alerts", "INVENTORY_ADJUSTMENT", null).body("tier", equalTo("DEEP_COLLABORATION"));
        TestTopics.sendCloudEvent(bootstrap, "refinery.metrics.alerts", "relax-alerts",
                alertFired(UUID.randomUUID().toString(), "relax-alerts", "CRITICAL"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/systems/relax-alerts/policies").then().statusCode(200)
                .body("policy.tierShifts.find { it.actionType == 'CHATBOT_ESCALATION' }.shift", equalTo(1)));

        JsonPath p = policy("relax-alerts");
        assertThat(p.getInt("policy.tierShifts.find { it.actionType == 'INVENTORY_ADJUSTMENT' }.shift")).isEqualTo(1);
        assertThat((Object) p.get("policy.tierShifts.find { it.actionType == 'ALERT_REVIEW' }")).isNull();
        assertThat(p.getString("policy.tierShifts.find { it.actionType == 'INVENTORY_ADJUSTMENT' }.reason"))
                .startsWith("incident: CRITICAL alert ").contains("after auto-approved INVENTORY_ADJUSTMENT");
        assertThat(RefineryTestResource.database().queryLong(
                "select count(*) from oversight.relaxation_incidents where system_key = ?", "relax-alerts")).isEqualTo(2);
        given().header("Authorization", VIEWER).get("/api/v1/systems/relax-alerts/relaxation").then().statusCode(200)
                .body("recentIncidents.size()", equalTo(2)).body("recentIncidents.kind", org.hamcrest.Matchers.everyItem(equalTo("ALERT")))
                .body("tracks.find { it.actionType == 'ALERT_REVIEW' }.shift", equalTo(0))
                .body("tracks.find { it.actionType == 'ALERT_REVIEW' }.shiftReason", nullValue());
    }
}
