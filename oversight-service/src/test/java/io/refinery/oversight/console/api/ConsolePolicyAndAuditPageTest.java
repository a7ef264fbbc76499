package io.refinery.oversight.console.api;

import static io.refinery.oversight.OversightApi.ADMIN;
import static io.refinery.oversight.OversightApi.INGEST;
import static io.refinery.oversight.OversightApi.VIEWER;
import static io.refinery.oversight.OversightApi.pricingPolicy;
import static io.refinery.oversight.OversightApi.register;
import static io.refinery.oversight.OversightApi.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The policies and audit pages: every role reads them, approvers and admins change a policy through a preview (diff
 * and simulation) and a save that goes through the API's validation and audit, refused when stale or forged.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ConsolePolicyAndAuditPageTest {

    private static final ConsoleBrowser VICTOR = ConsoleBrowser.as("victor", "viewer");
    private static final ConsoleBrowser CAROL = ConsoleBrowser.as("carol", "reviewer");
    private static final ConsoleBrowser BOB = ConsoleBrowser.as("bob", "approver");

    /** v1 of {@link io.refinery.oversight.OversightApi#pricingPolicy}, changed: a stricter small-change rule, a rule dropped and one added. */
    private static final String DRAFT = """
            {"lowConfidenceBelow": 0.7, "rules": [
              {"actionType": "PRICE_CHANGE", "conditions": ["magnitude <= 0.10"], "tier": "REVIEW_AND_APPROVAL", "sla": "PT8H"},
              {"actionType": "PRICE_CHANGE", "conditions": ["magnitude > 0.10"], "tier": "REVIEW_AND_APPROVAL", "sla": "PT4H"},
              {"actionType": "CONTENT_PUBLISH", "conditions": ["category in [health]"], "tier": "DEEP_COLLABORATION"}]}
            """;

    private static void system(String key) {
        register(key, "LOW");
        pricingPolicy(key);
    }

    private static int version(String key) {
        return given().header("Authorization", VIEWER).get("/api/v1/systems/" + key + "/policies").then().statusCode(200)
                .extract().path("version");
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("hidden field " + name).isTrue();
        return m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    @Test
    void aViewerOrReviewerReadsThePolicyWithoutAnEditForm() {
        system("console-policy-read");
        String list = VICTOR.get("/console/policies").then().statusCode(200).extract().asString();
        assertThat(list).contains("<h1>Policies</h1>", "href=\"/console/systems/console-policy-read/policy\"", "Version 1",
                "aria-current=\"page\">Policies");
        for (ConsoleBrowser reader : new ConsoleBrowser[] { VICTOR, CAROL }) {
            String page = reader.get("/console/systems/console-policy-read/policy").then().statusCode(200).extract().asString();
            assertThat(page).contains("<h1>Policy of Dynamic pricing</h1>", "Rules in force", "magnitude &gt; 0.10",
                    "Review and approval", "PT2H", "pricing-leads", "Low-confidence threshold", "<strong>0.8</strong>",
                    "Version history", "changing it needs the approver or admin role")
                    .doesNotContain("<textarea", "/policy/preview\"", "Preview the change");
        }
    }

    @Test
    void anApproverPreviewsTheDiffAndSimulationThenSavesANewVersion() {
        String key = "console-policy-save";
        system(key);
        UUID small = UUID.randomUUID();
        submit(INGEST, small, key, 0.05, 100).statusCode(201);
        String page = BOB.get("/console/systems/" + key + "/policy").then().statusCode(200).extract().asString();
        assertThat(page).contains("<label for=\"policy\">Policy (JSON)</label>", "name=\"baseVersion\" value=\"1\"",
                "&quot;lowConfidenceBelow&quot; : 0.8", "Preview the change");

        Response preview = BOB.post("/console/systems/" + key + "/policy/preview", "policy", DRAFT, "baseVersion", "1");
        assertThat(preview.statusCode()).isEqualTo(200);
        String html = preview.asString();
        assertThat(html).contains("<h1>Preview the policy change</h1>", "against version 1",
                "Low-confidence threshold", "<del>0.8</del>", "<ins>0.7</ins>",
                "class=\"diff-added\"", "CONTENT_PUBLISH", "class=\"diff-removed\"", "amount &gt;= 5000 and magnitude &gt; 0.1",
                "class=\"diff-changed\"", "<del>Exception handling</del>", "<ins>Review and approval</ins>",
                "Effect on recent requests", "href=\"/console/reviews/" + small + "\"", "Save this policy");
        assertThat(html).containsPattern("<strong>[1-9][0-9]* of [1-9][0-9]*</strong>\\s+recent requests would be handled differently");
        assertThat(hidden(html, "policy")).isEqualTo(DRAFT);
        assertThat(version(key)).as("a preview writes nothing").isEqualTo(1);

        Response saved = BOB.post("/console/systems/" + key + "/policy", "policy", hidden(html, "policy"), "baseVersion",
                hidden(html, "baseVersion"));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.header("Location")).isEqualTo("/console/systems/" + key + "/policy?saved=2");
        given().header("Authorization", VIEWER).get("/api/v1/systems/" + key + "/policies").then()
                .body("version", equalTo(2)).body("createdBy", equalTo("bob")).body("policy.lowConfidenceBelow", equalTo(0.7f))
                .body("policy.rules.size()", equalTo(3));
        assertThat(BOB.get("/console/systems/" + key + "/policy?saved=2").asString())
                .contains("Policy saved as version 2", "CONTENT_PUBLISH", "<strong>0.7</strong>");

        String audit = VICTOR.get("/console/audit?system=" + key).then().statusCode(200).extract().asString();
        assertThat(audit).contains("data-action=\"POLICY_CHANGED\"", key + "@v2", "Oversight policy changed: version 2",
                "<td>bob</td>", "href=\"/console/systems/" + key + "\"");
    }

    @Test
    void aStalePreviewIsRefusedInsteadOfOverwriting() {
        String key = "console-policy-stale";
        system(key);
        String html = BOB.post("/console/systems/" + key + "/policy/preview", "policy", DRAFT, "baseVersion", "1").then()
                .statusCode(200).extract().asString();
        pricingPolicy(key);
        assertThat(version(key)).isEqualTo(2);
        Response stale = BOB.post("/console/systems/" + key + "/policy", "policy", hidden(html, "policy"), "baseVersion",
                hidden(html, "baseVersion"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.asString()).contains("The policy changed meanwhile", "it is at version 2 now",
                "href=\"/console/systems/" + key + "/policy\"");
        assertThat(version(key)).isEqualTo(2);
    }

    @Test
    void forgedAndUnauthorisedPostsAreRefused() {
        String key = "console-policy-forged";
        system(key);
        Response none = BOB.postWithoutCsrf("/console/systems/" + key + "/policy", "policy", DRAFT, "baseVersion", "1");
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.asString()).contains("Form not accepted");
        Response reviewer = CAROL.post("/console/systems/" + key + "/policy", "policy", DRAFT, "baseVersion", "1");
        assertThat(reviewer.statusCode()).isEqualTo(403);
        assertThat(reviewer.contentType()).contains("text/html");
        assertThat(reviewer.asString()).contains("Changing a policy needs the approver or admin role");
        CAROL.post("/console/systems/" + key + "/policy/preview", "policy", DRAFT, "baseVersion", "1").then().statusCode(403);
        VICTOR.post("/console/systems/" + key + "/policy", "policy", DRAFT, "baseVersion", "1").then().statusCode(403);
        assertThat(version(key)).isEqualTo(1);
    }

    @Test
    void anInvalidDocumentIsShownAgainWithTheFieldNamedAndTheTextKept() {
        String key = "console-policy-invalid";
        system(key);
        String wrongTier = "{\"rules\": [\n  {\"actionType\": \"PRICE_CHANGE\",\n   \"tier\": \"SOMETIMES\"}]}";
        Response bad = BOB.post("/console/systems/" + key + "/policy/preview", "policy", wrongTier, "baseVersion", "1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.asString()).contains("rules[0].tier: must be one of", "(line 3)", "aria-invalid=\"true\"",
                "&quot;SOMETIMES&quot;", "role=\"alert\"");

        Response condition = BOB.post("/console/systems/" + key + "/policy/preview", "policy",
                "{\"rules\": [{\"actionType\": \"PRICE_CHANGE\", \"conditions\": [\"magnitude >> 1\"], \"tier\": \"DEEP_COLLABORATION\"}]}",
                "baseVersion", "1");
        assertThat(condition.statusCode()).isEqualTo(400);
        assertThat(condition.asString()).contains("rules[0].conditions[0]: cannot read condition", "magnitude &gt;&gt; 1");

        Response lowercase = BOB.post("/console/systems/" + key + "/policy", "policy",
                "{\"rules\": [{\"actionType\": \"price change\", \"tier\": \"DEEP_COLLABORATION\"}]}", "baseVersion", "1");
        assertThat(lowercase.statusCode()).isEqualTo(400);
        assertThat(lowercase.asString()).contains("rules[0].actionType: must be UPPER_SNAKE_CASE");

        Response malformed = BOB.post("/console/systems/" + key + "/policy/preview", "policy", "{\"rules\": [", "baseVersion",
                "1");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.asString()).contains("malformed JSON");
        Response unknown = BOB.post("/console/systems/" + key + "/policy/preview", "policy",
                "{\"rules\": [], \"lowConfidence\": 0.5}", "baseVersion", "1");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.asString()).contains("lowConfidence: unknown field");
        assertThat(version(key)).isEqualTo(1);
    }

    @Test
    void theAuditPageVerifiesTheChainAndFiltersBySystem() {
        system("console-audit-one");
        system("console-audit-two");
        String all = VICTOR.get("/console/audit").then().statusCode(200).extract().asString();
        assertThat(all).contains("<h1>Audit log</h1>", "data-verify=\"OK\"", "Chain verified: OK.",
                "<label for=\"system\">System</label>", "aria-current=\"page\">Audit");
        String one = VICTOR.get("/console/audit?system=console-audit-one").then().statusCode(200).extract().asString();
        assertThat(one).contains("href=\"/console/systems/console-audit-one\"", "console-audit-one@v1",
                "<option value=\"console-audit-one\" selected>")
                .doesNotContain("href=\"/console/systems/console-audit-two\"");
        Matcher seq = Pattern.compile("data-seq=\"([0-9]+)\"").matcher(all);
        assertThat(seq.find()).isTrue();
        long newest = Long.parseLong(seq.group(1));
        String older = VICTOR.get("/console/audit?before=" + newest).then().statusCode(200).extract().asString();
        assertThat(older).doesNotContain("data-seq=\"" + newest + "\"").contains("Newer entries");
        VICTOR.get("/console/audit?before=abc").then().statusCode(400);
        VICTOR.get("/console/audit?system=NO%20SUCH").then().statusCode(400);
        assertThat(VICTOR.get("/console/audit?system=console-audit-none").asString()).contains("No entries for console-audit-none",
                "The audit log fills as");
    }

    @Test
    void userTextIsEscaped() {
        String key = "console-policy-script";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                {"key": "%s", "name": "<script>alert('name')</script>", "kind": "PRICING", "ownerTeam": "pricing",
                 "riskProfile": {"brandImpact": "LOW", "financialImpact": "LOW", "customerImpact": "LOW"}}
                """.formatted(key)).post("/api/v1/systems").then().statusCode(201);
        given().header("Authorization", io.refinery.oversight.OversightApi.BOB).contentType(ContentType.JSON).body("""
                {"rules": [{"actionType": "PRICE_CHANGE", "tier": "DEEP_COLLABORATION",
                  "escalationRole": "<script>alert('role')</script>"}]}
                """).put("/api/v1/systems/" + key + "/policies").then().statusCode(200);
        String page = BOB.get("/console/systems/" + key + "/policy").then().statusCode(200).extract().asString();
        assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;",
                "&lt;script&gt;alert(&#39;role&#39;)&lt;/script&gt;");
        assertThat(VICTOR.get("/console/policies").asString()).doesNotContain("<script>alert");
        Response bad = BOB.post("/console/systems/" + key + "/policy/preview", "policy",
                "{\"rules\": [{\"actionType\": \"PRICE_CHANGE\", \"conditions\": [\"<script>alert(1)</script>\"], \"tier\": \"DEEP_COLLABORATION\"}]}",
                "baseVersion", "1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.asString()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        String preview = BOB.post("/console/systems/" + key + "/policy/preview", "policy",
                "{\"rules\": [{\"actionType\": \"PRICE_CHANGE\", \"tier\": \"REVIEW_AND_APPROVAL\", \"escalationRole\": \"<script>alert('new')</script>\"}]}",
                "baseVersion", "1").then().statusCode(200).extract().asString();
        assertThat(preview).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;new&#39;)&lt;/script&gt;");
        assertThat(VICTOR.get("/console/audit?system=" + key).asString()).doesNotContain("<script>alert");
    }
}
