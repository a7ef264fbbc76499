package io.refinery.feedback.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.platform.ids.ClientId;
import io.refinery.testing.RefineryTestResource;
import io.restassured.path.json.JsonPath;

/**
 * The intake endpoints read their body as bytes (strict, per-item checks), so without an explicit request body the
 * OpenAPI document would show a binary string: it must show the item's fields, the id rule and an example.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class FeedbackOpenApiTest {

    private static JsonPath openApi() {
        return given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void feedbackBatchesAreDocumentedAsAnArrayOfFeedbackItems() {
        JsonPath doc = openApi();
        Map<String, Object> body = doc.getMap("paths.'/api/v1/feedback'.post.requestBody.content.'application/json'");
        assertThat(body).isNotNull();
        Map<String, Object> schema = doc.getMap("paths.'/api/v1/feedback'.post.requestBody.content.'application/json'.schema");
        assertThat(schema).containsEntry("type", "array").doesNotContainKey("format");
        assertThat(doc.getString("paths.'/api/v1/feedback'.post.requestBody.content.'application/json'.schema.items.$ref"))
                .isEqualTo("#/components/schemas/FeedbackItem");
        assertThat(doc.getMap("paths.'/api/v1/feedback'.post.requestBody.content.'application/json'.examples")).isNotEmpty();

        assertThat(doc.getString("components.schemas.FeedbackItem.type")).isEqualTo("object");
        assertThat(doc.getMap("components.schemas.FeedbackItem.properties")).containsKeys("id", "systemKey", "channel",
                "customerSegment", "text", "rating", "locale", "occurredAt", "source");
        assertThat(doc.getList("components.schemas.FeedbackItem.required", String.class))
                .contains("id", "systemKey", "channel", "text", "occurredAt");
        assertThat(doc.getString("components.schemas.FeedbackItem.properties.id.pattern")).isEqualTo(ClientId.PATTERN);
        assertThat(doc.getInt("components.schemas.FeedbackItem.properties.id.maxLength")).isEqualTo(128);
        assertThat(doc.getString("components.schemas.FeedbackItem.properties.id.description")).contains(ClientId.RULE);
    }

    @Test
    void debriefsAreDocumentedAsADebriefObject() {
        JsonPath doc = openApi();
        Map<String, Object> schema = doc.getMap(
                "paths.'/api/v1/feedback/debriefs'.post.requestBody.content.'application/json'.schema");
        assertThat(schema).containsEntry("$ref", "#/components/schemas/DebriefItem").doesNotContainKey("format");
        assertThat(doc.getMap("paths.'/api/v1/feedback/debriefs'.post.requestBody.content.'application/json'.examples"))
                .isNotEmpty();
        assertThat(doc.getString("components.schemas.DebriefItem.type")).isEqualTo("object");
        assertThat(doc.getMap("components.schemas.DebriefItem.properties")).containsKeys("id", "systemKey", "agentId",
                "aiAction", "customerReaction", "category", "text", "occurredAt", "customerSegment", "rating");
        assertThat(doc.getList("components.schemas.DebriefItem.properties.customerReaction.enum", String.class))
                .containsExactlyInAnyOrder("POSITIVE", "NEUTRAL", "NEGATIVE", "ESCALATED", "ABANDONED");
        assertThat(doc.getString("components.schemas.DebriefItem.properties.id.pattern")).isEqualTo(ClientId.PATTERN);
    }

    @Test
    @SuppressWarnings("unchecked")
    void noOperationTakesABinaryBody() {
        Map<String, Object> paths = openApi().getMap("paths");
        for (var path : paths.entrySet()) {
            for (var operation : ((Map<String, Object>) path.getValue()).entrySet()) {
                if (operation.getValue() instanceof Map<?, ?> op && op.get("requestBody") instanceof Map<?, ?> body
                        && body.get("content") instanceof Map<?, ?> content) {
                    for (Object media : content.values()) {
                        Object schema = ((Map<String, Object>) media).get("schema");
                        assertThat(schema).as(operation.getKey() + " " + path.getKey()).isInstanceOf(Map.class);
                        assertThat(((Map<String, Object>) schema).get("format")).as(operation.getKey() + " " + path.getKey())
                                .isNotEqualTo("binary");
                    }
                }
            }
        }
        assertThat(openApi().getMap("components.schemas.FeedbackView.properties")).containsKey("clientId");
    }
}
