package io.refinery.oversight.review.api;

import static io.refinery.oversight.OversightApi.ALICE;
import static io.refinery.oversight.OversightApi.BOB;
import static io.refinery.oversight.OversightApi.CAROL;
import static io.refinery.oversight.OversightApi.INGEST;
import static io.refinery.oversight.OversightApi.VIEWER;
import static io.refinery.oversight.OversightApi.decide;
import static io.refinery.oversight.OversightApi.register;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class CollaborationSessionTest {

    @Test
    void deepCollaborationIsDecidedJointlyWithAllParticipants() {
        register("content-sys", "LOW");
        given().header("Authorization", BOB).contentType(ContentType.JSON).body("""
                {"rules": [{"actionType": "CONTENT_PUBLISH", "conditions": ["category in [health]"], "tier": "DEEP_COLLABORATION"}]}
                """).put("/api/v1/systems/content-sys/policies").then().statusCode(200);
        UUID id = UUID.randomUUID();
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("""
                {"id": "%s", "systemKey": "content-sys", "actionType": "CONTENT_PUBLISH", "summary": "publish a supplement article",
                 "payload": {"category": "health"}, "confidence": 0.9}
                """.formatted(id)).post("/api/v1/reviews").then().statusCode(201).body("tier", equalTo("DEEP_COLLABORATION"));

        decide(ALICE, id, "APPROVE").statusCode(409).body("errors[0].field", equalTo("tier"));
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{\"body\": \"claims look medical\"}")
                .post("/api/v1/reviews/" + id + "/session/notes").then().statusCode(409);
        given().header("Authorization", ALICE).post("/api/v1/reviews/" + id + "/session/participants").then().statusCode(200)
                .body("participants", contains("alice"));
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("{\"outcome\": \"APPROVE\", \"rationale\": \"fine\"}")
                .post("/api/v1/reviews/" + id + "/session/decision").then().statusCode(409)
                .body("errors[0].field", equalTo("participants"));
        given().header("Authorization", CAROL).post("/api/v1/reviews/" + id + "/session/participants").then().statusCode(200);
        given().header("Authorization", CAROL).contentType(ContentType.JSON)
                .body("{\"body\": \"see the regulator's guidance\", \"link\": \"https://example.org/guidance\"}")
                .post("/api/v1/reviews/" + id + "/session/notes").then().statusCode(200)
                .body("thread[0].link", equalTo("https://example.org/guidance"));
        given().header("Authorization", CAROL).contentType(ContentType.JSON).body("{\"body\": \"x\", \"link\": \"ftp:/x\"}")
                .post("/api/v1/reviews/" + id + "/session/notes").then().statusCode(400).body("errors[0].field", equalTo("link"));
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("{\"outcome\": \"MODIFY\", \"rationale\": \"soften two claims\", \"modifications\": {\"edits\": 2}}")
                .post("/api/v1/reviews/" + id + "/session/decision").then().statusCode(200).body("state", equalTo("MODIFIED"));
        given().header("Authorization", VIEWER).queryParam("systemKey", "content-sys").get("/api/v1/audit").then()
                .body("items.action", hasItem("SESSION_NOTE"))
                .body("items.find { it.action == 'REVIEW_DECIDED' }.details", org.hamcrest.Matchers.containsString("[\"alice\",\"carol\"]"));
    }
}
