package io.refinery.metrics.drift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.metrics.drift.domain.DriftRetention;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.events.SystemEvents;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;

/** Drift monitors: validation, lifecycle, the scheduler, runs without enough data, and retention. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class DriftMonitorsTest {

    private static final String ADMIN = TestTokens.bearer("alice", "admin");
    private static final String VIEWER = TestTokens.bearer("victor", "viewer");

    @Inject
    DriftRetention retention;

    @BeforeAll
    static void config() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    private static String monitor(String system, String reference) {
        return """
                {"systemKey": "%s", "name": "inputs", "features": [{"name": "price", "type": "NUMERICAL"}],
                 "reference": %s, "current": "P1D"}""".formatted(system, reference);
    }

    private static io.restassured.response.ValidatableResponse create(String body) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .post("/api/v1/drift/monitors").then();
    }

    @Test
    void invalidMonitorsAreRefusedNamingTheFields() {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), "drift-validation");
        create("""
                {"systemKey": "drift-validation", "name": "x", "method": "KS",
                 "features": [{"name": "price", "type": "NUMERICAL"}, {"name": "price", "type": "NUMERICAL"},
                              {"name": "device type", "type": "CATEGORICAL"}],
                 "reference": {"trailing": "P2W", "lag": "PT12H"}, "current": "PT36H", "datasetDriftShare": 0}""")
                .statusCode(400)
                .body("errors.field", hasItems("features[1].name", "features[2].name", "method", "reference.trailing",
                        "reference.lag", "current", "datasetDriftShare"));
        create(monitor("drift-validation", "{\"from\": \"2026-01-01T00:00:00Z\", \"to\": \"2026-02-01T00:00:00Z\", \"trailing\": \"P7D\"}"))
                .statusCode(400).body("errors[0].field", equalTo("reference"));
        create(monitor("drift-validation", "{\"from\": \"2026-01-01T12:00:00Z\", \"to\": \"2025-12-01T00:00:00Z\"}"))
                .statusCode(400).body("errors.field", hasItems("reference.from", "reference.to"));
        create(monitor("drift-validation", "{\"from\": \"yesterday\", \"to\": \"2026-02-01T00:00:00Z\"}"))
                .statusCode(400).body("errors[0].field", equalTo("reference.from"));
        create(monitor("drift-validation", "{\"trailing\": \"P7D\"}").replace("NUMERICAL", "ORDINAL"))
                .statusCode(400).body("errors[0].field", equalTo("features[0].type"));
        create("{\"systemKey\": \"drift-validation\", \"name\": \"x\", \"features\": [], \"reference\": {\"trailing\": \"P7D\"}}")
                .statusCode(400).body("errors.field", hasItems("features", "current"));
        create(monitor("no-such-system", "{\"trailing\": \"P7D\"}")).statusCode(422)
                .body("errors[0].field", equalTo("systemKey"));
        given().header("Authorization", VIEWER).contentType(ContentType.JSON)
                .body(monitor("drift-validation", "{\"trailing\": \"P7D\"}")).post("/api/v1/drift/monitors").then()
                .statusCode(403);
    }

    @Test
    void aMonitorIsListedReadEvaluatedAndRetired() {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), "drift-lifecycle");
        String id = create(monitor("drift-lifecycle", "{\"from\": \"2026-01-01T00:00:00Z\", \"to\": \"2026-02-01T00:00:00Z\"}"))
                .statusCode(201)
                .body("reference.from", equalTo("2026-01-01T00:00:00Z"))
                .body("reference.trailing", nullValue())
                .body("method", equalTo("AUTO"))
                .body("datasetDriftShare", equalTo(0.5))
                .body("features[0].modelInput", is(true))
                .body("createdBy", equalTo("alice"))
                .extract().path("id");
        given().header("Authorization", VIEWER).queryParam("systemKey", "drift-lifecycle").get("/api/v1/drift/monitors")
                .then().statusCode(200).body("items.id", equalTo(java.util.List.of(id))).body("nextCursor", nullValue());
        // No samples at all: nothing to compare, no drift.
        given().header("Authorization", ADMIN).post("/api/v1/drift/monitors/" + id + "/evaluate").then().statusCode(200)
                .body("featuresEvaluated", equalTo(0))
                .body("driftedShare", nullValue())
                .body("datasetDrift", is(false))
                .body("detectionId", nullValue())
                .body("reference.from", equalTo("2026-01-01T00:00:00Z"))
                .body("features[0].statistic", nullValue())
                .body("features[0].note", containsString("insufficient data"));
        given().header("Authorization", ADMIN).queryParam("at", Instant.now().plus(1, ChronoUnit.DAYS).toString())
                .post("/api/v1/drift/monitors/" + id + "/evaluate").then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
        given().header("Authorization", VIEWER).post("/api/v1/drift/monitors/" + id + "/evaluate").then().statusCode(403);

        given().header("Authorization", ADMIN).delete("/api/v1/drift/monitors/" + id).then().statusCode(204);
        given().header("Authorization", VIEWER).get("/api/v1/drift/monitors/" + id).then().statusCode(404);
        given().header("Authorization", VIEWER).get("/api/v1/drift/monitors/" + id + "/runs").then().statusCode(200)
                .body("items.size()", equalTo(1));
        given().header("Authorization", VIEWER).get("/api/v1/drift/monitors/" + UUID.randomUUID() + "/runs").then()
                .statusCode(404);
        given().header("Authorization", VIEWER).get("/api/v1/drift/monitors/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void theSchedulerEvaluatesAMonitorWhenItsWindowHasClosed() throws Exception {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), "drift-scheduled");
        String id = create(monitor("drift-scheduled", "{\"trailing\": \"P7D\"}")).statusCode(201)
                .body("nextEvaluationAt", notNullValue()).extract().path("id");
        RefineryTestResource.database().update("update metrics.drift_monitors set next_evaluation_at = ? where id = ?",
                Timestamp.from(Instant.now().minusSeconds(60)), UUID.fromString(id));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/drift/monitors/" + id + "/runs").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].trigger", equalTo("SCHEDULED")));
        Instant tomorrow = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        given().header("Authorization", VIEWER).get("/api/v1/drift/monitors/" + id).then()
                .body("nextEvaluationAt", equalTo(tomorrow.plus(5, ChronoUnit.MINUTES).toString()))
                .body("lastEvaluatedAt", notNullValue());
    }

    @Test
    void aFailingMonitorIsPostponedWithItsErrorAndDoesNotHoldUpTheOthers() throws Exception {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), "drift-failing");
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), "drift-healthy");
        String broken = create(monitor("drift-failing", "{\"trailing\": \"P7D\"}")).statusCode(201).extract().path("id");
        String healthy = create(monitor("drift-healthy", "{\"trailing\": \"P7D\"}")).statusCode(201).extract().path("id");
        var db = RefineryTestResource.database();
        // A day whose stored label counts cannot be read: every evaluation of drift-failing's current window fails.
        db.update("insert into metrics.drift_feature_days values ('drift-failing', 'price', ?, 1, ''::bytea, 1,"
                + " 'not json', now())", LocalDate.now(ZoneOffset.UTC).minusDays(1));
        // The broken monitor is due first, so a scheduler that stalled on it would never reach the healthy one.
        db.update("update metrics.drift_monitors set next_evaluation_at = ? where id = ?",
                Timestamp.from(Instant.now().minusSeconds(120)), UUID.fromString(broken));
        db.update("update metrics.drift_monitors set next_evaluation_at = ? where id = ?",
                Timestamp.from(Instant.now().minusSeconds(60)), UUID.fromString(healthy));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/drift/monitors/" + healthy + "/runs").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].trigger", equalTo("SCHEDULED")));
        Instant failedBy = Instant.now();
        String nextTry = given().header("Authorization", VIEWER).get("/api/v1/drift/monitors/" + broken).then()
                .statusCode(200)
                .body("failedAttempts", equalTo(1))
                .body("lastError", containsString("stored category counts are unreadable"))
                .body("lastFailedAt", notNullValue())
                .extract().path("nextEvaluationAt");
        // Retried after the first back-off (5 minutes), not at the next tick.
        assertThat(Instant.parse(nextTry)).isAfter(failedBy.plus(4, ChronoUnit.MINUTES))
                .isBefore(failedBy.plus(6, ChronoUnit.MINUTES));
        given().header("Authorization", VIEWER).get("/api/v1/drift/monitors/" + broken + "/runs").then()
                .body("items.size()", equalTo(0));
        given().header("Authorization", VIEWER).get("/api/v1/drift/monitors/" + healthy).then()
                .body("failedAttempts", equalTo(0)).body("lastError", nullValue());

        // The data is repaired and the monitor edited: it is retried at once and its failure record cleared.
        db.update("delete from metrics.drift_feature_days where system_key = 'drift-failing'");
        put("/api/v1/drift/monitors/" + broken, monitor("drift-failing", "{\"trailing\": \"P14D\"}")).statusCode(200)
                .body("failedAttempts", equalTo(0))
                .body("reference.trailing", equalTo("P14D"))
                .body("updatedBy", equalTo("alice"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/drift/monitors/" + broken + "/runs").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].trigger", equalTo("SCHEDULED")));
    }

    @Test
    void aMonitorIsEditedInPlaceWithTheSameChecksAsOnCreate() {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), "drift-edit");
        String id = create(monitor("drift-edit", "{\"trailing\": \"P7D\"}")).statusCode(201).extract().path("id");
        String path = "/api/v1/drift/monitors/" + id;
        put(path, """
                {"systemKey": "drift-edit", "name": "inputs v2", "method": "PSI",
                 "features": [{"name": "price", "type": "NUMERICAL"}, {"name": "basket", "type": "NUMERICAL", "modelInput": false}],
                 "reference": {"from": "2026-01-01T00:00:00Z", "to": "2026-02-01T00:00:00Z"}, "current": "P2D",
                 "datasetDriftShare": 0.25}""").statusCode(200)
                .body("name", equalTo("inputs v2"))
                .body("features.name", equalTo(java.util.List.of("price", "basket")))
                .body("features[1].modelInput", is(false))
                .body("reference.from", equalTo("2026-01-01T00:00:00Z"))
                .body("reference.trailing", nullValue())
                .body("current", equalTo("P2D"))
                .body("method", equalTo("PSI"))
                .body("datasetDriftShare", equalTo(0.25));
        given().header("Authorization", VIEWER).get(path).then().body("name", equalTo("inputs v2"));
        put(path, monitor("drift-edit", "{\"trailing\": \"P7D\"}").replace("\"P1D\"", "\"PT1H\"")).statusCode(400)
                .body("errors[0].field", equalTo("current"));
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), "drift-edit-other");
        put(path, monitor("drift-edit-other", "{\"trailing\": \"P7D\"}")).statusCode(422)
                .body("errors[0].field", equalTo("systemKey"))
                .body("errors[0].message", containsString("stays with its AI system"));
        given().header("Authorization", VIEWER).get(path).then().body("name", equalTo("inputs v2"))
                .body("current", equalTo("P2D"));
        put("/api/v1/drift/monitors/" + UUID.randomUUID(), monitor("drift-edit", "{\"trailing\": \"P7D\"}"))
                .statusCode(404);
        given().header("Authorization", VIEWER).contentType(ContentType.JSON)
                .body(monitor("drift-edit", "{\"trailing\": \"P7D\"}")).put(path).then().statusCode(403);
    }

    @Test
    void retentionDeletesOldSamplesAndDaysButKeepsWhatAReferenceNeeds() throws Exception {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), "drift-retention");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate pinned = today.minusDays(90);
        create(monitor("drift-retention", "{\"from\": \"%sT00:00:00Z\", \"to\": \"%sT00:00:00Z\"}"
                .formatted(pinned, pinned.plusDays(1)))).statusCode(201);
        var db = RefineryTestResource.database();
        for (LocalDate day : new LocalDate[] { pinned, today.minusDays(91), today.minusDays(1) }) {
            db.update("insert into metrics.drift_feature_days values ('drift-retention', 'price', ?, 0, ''::bytea, 0, '{}', now())",
                    day);
        }
        db.update("insert into metrics.drift_samples (system_key, id, observed_at, received_at) values"
                + " ('drift-retention', 'old', now() - interval '61 days', now()), ('drift-retention', 'new', now(), now())");

        retention.purge(Instant.now());

        assertThat(db.queryLong("select count(*) from metrics.drift_samples where system_key = 'drift-retention'")).isEqualTo(1);
        assertThat(db.queryLong("select count(*) from metrics.drift_feature_days where system_key = 'drift-retention'"
                + " and day in (?, ?)", pinned, today.minusDays(1))).isEqualTo(2);
        assertThat(db.queryLong("select count(*) from metrics.drift_feature_days where system_key = 'drift-retention'"))
                .isEqualTo(2);
    }

    @Test
    void detectorSettingsAndRetrainsAreValidated() {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), "drift-settings");
        String concept = "/api/v1/drift/systems/drift-settings/concept";
        given().header("Authorization", VIEWER).get(concept).then().statusCode(200)
                .body("detector", equalTo("ADWIN")).body("parameters.delta", equalTo(0.002)).body("updates", equalTo(0));
        given().header("Authorization", VIEWER).get("/api/v1/drift/systems/no-such-system/concept").then().statusCode(404);
        put(concept, "{\"detector\": \"DDM\"}").statusCode(400).body("errors[0].field", equalTo("detector"));
        put(concept, "{\"detector\": \"PAGE_HINKLEY\", \"parameters\": {\"lambda\": -1}}").statusCode(400)
                .body("errors[0].field", equalTo("parameters")).body("errors[0].message", containsString("lambda"));
        put(concept, "{\"detector\": \"ADWIN\", \"parameters\": {\"lambda\": 5}}").statusCode(400)
                .body("errors[0].message", containsString("unknown parameter 'lambda'"));
        put("/api/v1/drift/systems/no-such-system/concept", "{\"detector\": \"ADWIN\"}").statusCode(422);
        given().header("Authorization", VIEWER).contentType(ContentType.JSON).body("{\"detector\": \"ADWIN\"}")
                .put(concept).then().statusCode(403);
        put(concept, "{\"detector\": \"ADWIN\", \"parameters\": {\"delta\": 0.01}}").statusCode(200)
                .body("parameters.delta", equalTo(0.01)).body("parameters.clock", equalTo(32)).body("updatedBy", equalTo("alice"));

        String retrains = "/api/v1/drift/systems/drift-settings/retrains";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"at\": \"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}").post(retrains).then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/drift/systems/no-such-system/retrains").then().statusCode(422);
        given().header("Authorization", VIEWER).contentType(ContentType.JSON).body("{}").post(retrains).then().statusCode(403);
    }

    @Test
    void theDriftEndpointsAreInTheOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/drift/compare"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/drift/samples"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/drift/monitors/{id}/runs"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/drift/monitors/{id}/evaluate"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/drift/systems/{key}/retrains"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/drift/detections"))
                .body("components.schemas", org.hamcrest.Matchers.hasKey("SampleItem"));
    }

    private static io.restassured.response.ValidatableResponse put(String path, String body) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).put(path).then();
    }
}
