package io.refinery.oversight.system.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class SystemResourceTest {

    private static final String ADMIN = TestTokens.bearer("alice", "admin");
    private static final String VIEWER = TestTokens.bearer("victor", "viewer");
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static String body(String key, String brandImpact) {
        return """
                {"key": "%s", "name": "Homepage recommendations", "kind": "RECOMMENDATION", "ownerTeam": "discovery",
                 "riskProfile": {"brandImpact": "%s", "financialImpact": "HIGH", "customerImpact": "MEDIUM"}}
                """.formatted(key, brandImpact);
    }

    @Test
    void flywayCreatedTheOversightSchema() throws Exception {
        try (Connection c = RefineryTestResource.database().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = 'oversight' order by 1")) {
            List<String> tables = new java.util.ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables).contains("ai_systems", "outbox", "flyway_schema_history");
        }
    }

    @Test
    void registeringPublishesTheSystemOnKafkaAndUpdatesBumpTheRevision() throws Exception {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body("reco-engine", "MEDIUM"))
                .when().post("/api/v1/systems")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/systems/reco-engine"))
                .body("key", equalTo("reco-engine"))
                .body("revision", equalTo(1))
                .body("createdBy", equalTo("alice"));

        ConsumerRecord<String, String> registered = last(TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(),
                "refinery.systems", r -> "reco-engine".equals(r.key()), Duration.ofSeconds(20)));
        assertThat(new String(registered.headers().lastHeader("content-type").value()))
                .startsWith("application/cloudevents+json");
        JsonNode event = JSON.readTree(registered.value());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("io.refinery.oversight.system.registered.v1");
        assertThat(event.get("source").asText()).isEqualTo("/oversight-service");
        assertThat(event.get("subject").asText()).isEqualTo("reco-engine");
        assertThat(event.get("id").asText()).isNotBlank();
        assertThat(event.get("time").asText()).isNotBlank();
        assertThat(event.at("/data/riskProfile/financialImpact").asText()).isEqualTo("HIGH");
        assertThat(event.at("/data/revision").asLong()).isEqualTo(1);

        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body("reco-engine", "HIGH"))
                .when().put("/api/v1/systems/reco-engine")
                .then().statusCode(200)
                .body("revision", equalTo(2))
                .body("riskProfile.brandImpact", equalTo("HIGH"));

        ConsumerRecord<String, String> updated = last(TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(),
                "refinery.systems", r -> r.value().contains("system.updated.v1") && "reco-engine".equals(r.key()),
                Duration.ofSeconds(20)));
        assertThat(JSON.readTree(updated.value()).at("/data/revision").asLong()).isEqualTo(2);

        given().header("Authorization", VIEWER)
                .when().get("/api/v1/systems/reco-engine")
                .then().statusCode(200)
                .body("name", equalTo("Homepage recommendations"))
                .body("updatedBy", equalTo("alice"));
    }

    @Test
    void listIsPagedByKeyWithACursor() {
        for (String key : List.of("page-a", "page-b", "page-c")) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body(key, "LOW"))
                    .post("/api/v1/systems").then().statusCode(201);
        }
        String cursor = given().header("Authorization", VIEWER).queryParam("limit", 2).queryParam("kind", "recommendation")
                .get("/api/v1/systems")
                .then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().header("Authorization", VIEWER).queryParam("limit", 500).queryParam("cursor", cursor)
                .get("/api/v1/systems")
                .then().statusCode(200)
                .body("items.key", hasItem("page-c"))
                .body("nextCursor", nullValue());
    }

    @Test
    void callsWithoutTokenOrWithTheWrongRoleAreRefusedAsProblems() {
        given().when().get("/api/v1/systems")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("status", equalTo(401));
        given().header("Authorization", "Bearer not-a-token").when().get("/api/v1/systems")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", VIEWER).contentType(ContentType.JSON).body(body("forbidden-one", "LOW"))
                .when().post("/api/v1/systems")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("title", equalTo("Forbidden"));
        given().header("Authorization", TestTokens.bearer("ingestor", "ingest"))
                .when().get("/api/v1/systems")
                .then().statusCode(403);
        given().header("X-Request-Id", "req-7").header("Authorization", VIEWER).get("/api/v1/systems/nope")
                .then().statusCode(404).header("X-Request-Id", equalTo("req-7"));
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() throws Exception {
        long before = countSystems();
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"key\": \"x\", ")
                .post("/api/v1/systems")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("body"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body("bad-enum", "EXTREME"))
                .post("/api/v1/systems")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("riskProfile.brandImpact"))
                .body("errors[0].message", equalTo("must be one of [LOW, MEDIUM, HIGH]"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"key\": \"Bad Key\", \"kind\": \"CHATBOT\", \"ownerTeam\": 7, \"riskProfile\": {}}")
                .post("/api/v1/systems")
                .then().statusCode(400)
                .body("errors.field", hasItem("ownerTeam"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"key\": \"Bad Key\", \"kind\": \"CHATBOT\", \"ownerTeam\": \"x\", \"riskProfile\": {}}")
                .post("/api/v1/systems")
                .then().statusCode(400)
                .body("errors.field", contains("key", "name", "riskProfile.brandImpact", "riskProfile.customerImpact",
                        "riskProfile.financialImpact"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(body("extra-field", "LOW").replace("\"name\"", "\"colour\": \"red\", \"name\""))
                .post("/api/v1/systems")
                .then().statusCode(400).body("errors[0].field", equalTo("colour"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .post("/api/v1/systems")
                .then().statusCode(400).body("errors[0].field", equalTo("body"));
        given().header("Authorization", VIEWER).queryParam("limit", 501).get("/api/v1/systems")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().header("Authorization", VIEWER).queryParam("kind", "ROBOT").get("/api/v1/systems")
                .then().statusCode(400).body("errors[0].field", equalTo("kind"));
        given().header("Authorization", VIEWER).queryParam("cursor", "%%%").get("/api/v1/systems")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("[" + " ".repeat(3_000_000) + "]")
                .post("/api/v1/systems")
                .then().statusCode(413).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
        assertThat(countSystems()).isEqualTo(before);

        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body("twice", "LOW"))
                .post("/api/v1/systems").then().statusCode(201);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body("twice", "HIGH"))
                .post("/api/v1/systems")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("key"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body("other-key", "HIGH"))
                .put("/api/v1/systems/twice")
                .then().statusCode(400).body("errors[0].field", equalTo("key"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body("ghost", "HIGH"))
                .put("/api/v1/systems/ghost")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", VIEWER).get("/api/v1/systems/nope")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static long countSystems() throws Exception {
        try (Connection c = RefineryTestResource.database().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from oversight.ai_systems")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
