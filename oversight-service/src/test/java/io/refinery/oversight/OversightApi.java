package io.refinery.oversight;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.testing.auth.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The flow tests' callers and calls: one token per role, a registered system, a pricing policy, submit and decide. */
public final class OversightApi {

    public static final String ADMIN = TestTokens.bearer("root", "admin");
    public static final String INGEST = TestTokens.bearer("pricing-bot", "ingest");
    public static final String ALICE = TestTokens.bearer("alice", "reviewer");
    public static final String BOB = TestTokens.bearer("bob", "approver");
    public static final String CAROL = TestTokens.bearer("carol", "reviewer");
    public static final String VIEWER = TestTokens.bearer("victor", "viewer");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OversightApi() {
    }

    public static void register(String key, String financialImpact) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                {"key": "%s", "name": "Dynamic pricing", "kind": "PRICING", "ownerTeam": "pricing",
                 "riskProfile": {"brandImpact": "LOW", "financialImpact": "%s", "customerImpact": "LOW"}}
                """.formatted(key, financialImpact)).post("/api/v1/systems").then().statusCode(201);
    }

    public static void pricingPolicy(String key) {
        given().header("Authorization", BOB).contentType(ContentType.JSON).body("""
                {"lowConfidenceBelow": 0.8, "rules": [
                  {"actionType": "PRICE_CHANGE", "conditions": ["magnitude <= 0.10"], "tier": "EXCEPTION_HANDLING"},
                  {"actionType": "PRICE_CHANGE", "conditions": ["magnitude > 0.10"], "tier": "REVIEW_AND_APPROVAL", "sla": "PT4H"},
                  {"actionType": "PRICE_CHANGE", "conditions": ["magnitude > 0.10", "amount >= 5000"],
                   "tier": "REVIEW_AND_APPROVAL", "requiredApprovals": 2, "sla": "PT2H", "escalationRole": "pricing-leads"}]}
                """).put("/api/v1/systems/" + key + "/policies").then().statusCode(200);
    }

    public static ValidatableResponse submit(String token, UUID id, String key, double magnitude, double amount) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body("""
                {"id": "%s", "systemKey": "%s", "actionType": "PRICE_CHANGE", "summary": "raise sneakers price",
                 "payload": {"sku": "SN-1", "category": "shoes"}, "magnitude": %s, "amount": %s, "confidence": 0.95}
                """.formatted(id, key, magnitude, amount)).post("/api/v1/reviews").then();
    }

    public static ValidatableResponse decide(String token, UUID id, String outcome) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body("{\"outcome\": \"" + outcome + "\", \"rationale\": \"checked the margin\"}")
                .post("/api/v1/reviews/" + id + "/decision").then();
    }

    public static ConsumerRecord<String, String> last(List<ConsumerRecord<String, String>> records) {
        return records.get(records.size() - 1);
    }

    public static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }
}
