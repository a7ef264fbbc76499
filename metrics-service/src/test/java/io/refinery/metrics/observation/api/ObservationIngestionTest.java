package io.refinery.metrics.observation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.platform.ids.ClientId;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.events.SystemEvents;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ObservationIngestionTest {

    static final String INGEST = TestTokens.bearer("reco-engine-svc", "ingest");
    static final String VIEWER = TestTokens.bearer("victor", "viewer");

    private static boolean registered;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    /** Before each test, since RestAssured knows the app's port only then; registers once. */
    @BeforeEach
    void systemsAreRegistered() {
        if (registered) {
            return;
        }
        registered = true;
        for (String key : List.of("ingest-reco", "ingest-rates")) {
            SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), key);
        }
    }

    static String item(String id, String system, String metric, double value, Instant at, String segment) {
        return """
                {"id": "%s", "systemKey": "%s", "metric": "%s", "value": %s, "observedAt": "%s",
                 "dimensions": {"segment": "%s", "variant": "A"}}""".formatted(id, system, metric, value, at, segment);
    }

    @Test
    void aBatchWithThreeBadItemsStoresTheOthersAndNamesTheThree() throws Exception {
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);
        String prefix = UUID.randomUUID().toString();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(item(prefix + "-" + i, "ingest-reco", "latency_ms", i, day.plusSeconds(60L * i), i % 2 == 0 ? "new" : "returning"));
        }
        items.set(10, "{\"id\": \"" + prefix + "-10\", \"systemKey\": \"ingest-reco\", \"metric\": \"latency_ms\", \"value\": \"fast\", \"observedAt\": \"" + day + "\"}");
        items.set(500, item(prefix + "-500", "no-such-system", "latency_ms", 1, day, "new"));
        items.set(999, "{\"systemKey\": \"ingest-reco\", \"metric\": \"Latency MS\", \"value\": 1, \"observedAt\": \"yesterday\"}");
        String body = "[" + String.join(",", items) + "]";

        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body)
                .post("/api/v1/observations")
                .then().statusCode(202)
                .body("accepted", equalTo(997))
                .body("duplicates", equalTo(0))
                .body("rejected.index", contains(10, 500, 999))
                .body("rejected[0].errors.field", contains("value"))
                .body("rejected[1].errors[0].field", equalTo("systemKey"))
                .body("rejected[2].errors.field", contains("id", "metric", "observedAt"));
        assertThat(RefineryTestResource.database().queryLong("select count(*) from metrics.observations where id like ?", prefix + "-%")).isEqualTo(997);

        // A replay of the whole batch changes nothing: all valid items are duplicates, rollups do not move.
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body)
                .post("/api/v1/observations")
                .then().statusCode(202)
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(997));
        assertThat(RefineryTestResource.database().queryLong("select count(*) from metrics.observations where id like ?", prefix + "-%")).isEqualTo(997);

        given().header("Authorization", VIEWER)
                .queryParam("from", day.toString()).queryParam("to", day.plus(1, ChronoUnit.DAYS).toString())
                .get("/api/v1/systems/ingest-reco/metrics/latency_ms/series")
                .then().statusCode(200)
                .body("points.size()", equalTo(1))
                .body("points[0].count", equalTo(997))
                .body("points[0].min", equalTo(0.0))
                .body("points[0].max", equalTo(998.0));
        given().header("Authorization", VIEWER)
                .queryParam("from", day.toString()).queryParam("to", day.plus(1, ChronoUnit.DAYS).toString())
                .queryParam("step", "PT1H").queryParam("segment", "new")
                .get("/api/v1/systems/ingest-reco/metrics/latency_ms/series")
                .then().statusCode(200)
                // 1000 minutes span 17 hours; even minutes are segment "new", minus item 10 and 500 (both even).
                .body("points.size()", equalTo(17))
                .body("points.count.sum()", equalTo(498));
        given().header("Authorization", VIEWER).get("/api/v1/systems/ingest-reco/metrics")
                .then().statusCode(200).body("metric", hasItem("latency_ms"));
    }

    @Test
    void ratesRollUpAsSumOfNumeratorsOverSumOfDenominators() {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        String body = """
                [{"id": "%1$s-a", "systemKey": "ingest-rates", "metric": "ctr", "numerator": 1, "denominator": 10, "observedAt": "%2$s"},
                 {"id": "%1$s-b", "systemKey": "ingest-rates", "metric": "ctr", "numerator": 30, "denominator": 100, "observedAt": "%2$s"}]
                """.formatted(UUID.randomUUID(), hour.plusSeconds(5));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body)
                .post("/api/v1/observations").then().statusCode(202).body("accepted", equalTo(2)).body("rejected", empty());
        // Σnum/Σden = 31/110 = 0.281818..., where a mean of ratios would give (0.1 + 0.3) / 2 = 0.2.
        given().header("Authorization", VIEWER)
                .queryParam("from", hour.toString()).queryParam("to", hour.plus(1, ChronoUnit.HOURS).toString())
                .queryParam("step", "PT1H")
                .get("/api/v1/systems/ingest-rates/metrics/ctr/series")
                .then().statusCode(200)
                .body("points[0].value", closeTo(31.0 / 110.0, 1e-9))
                .body("points[0].count", equalTo(2));
    }

    @Test
    void everyColumnIsStoredAsSentAndARepeatInsideTheBatchIsStoredOnce() throws Exception {
        String prefix = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-11-20T10:15:30.123456Z");
        String body = """
                [{"id": "%1$s-z.A_9:x", "systemKey": "ingest-reco", "metric": "ctr", "numerator": 31, "denominator": 1000,
                  "observedAt": "2026-11-20T10:15:30.123456Z", "dimensions": {"segment": "nüevo", "variant": "B \\"x\\""}},
                 {"id": "%1$s-plain", "systemKey": "ingest-reco", "metric": "ctr", "value": -0.25, "observedAt": "2026-11-20T10:15:30Z"},
                 {"id": "%1$s-plain", "systemKey": "ingest-reco", "metric": "ctr", "value": 9, "observedAt": "2026-11-20T10:15:30Z"},
                 {"id": "%1$s-old", "systemKey": "ingest-reco", "metric": "ctr", "value": 1, "observedAt": "1969-12-31T23:59:59Z"},
                 {"id": "%1$s-é€😀 \\"q\\",x", "systemKey": "ingest-reco", "metric": "ctr", "value": 1, "observedAt": "2026-11-20T10:15:30Z"}]
                """.formatted(prefix);
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body)
                .post("/api/v1/observations")
                .then().statusCode(202)
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(1))
                .body("rejected.index", contains(3, 4))
                .body("rejected[0].errors[0].message", equalTo("must not be before 1970-01-01T00:00:00Z"))
                .body("rejected[1].errors[0].message", equalTo(ClientId.MESSAGE));

        try (Connection c = RefineryTestResource.database().connect(); PreparedStatement q = c.prepareStatement("""
                select id, system_key, metric, value, numerator, denominator, observed_at, segment, dimensions::text,
                       received_at > now() - interval '1 minute'
                from metrics.observations where id like ? order by id collate "C\"""")) {
            q.setString(1, prefix + "-%");
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(prefix + "-plain");
                assertThat(rs.getDouble(4)).isEqualTo(-0.25); // the first of the two with this id
                assertThat(rs.getObject(5)).isNull();
                assertThat(rs.getObject(6)).isNull();
                assertThat(rs.getTimestamp(7).toInstant()).isEqualTo(Instant.parse("2026-11-20T10:15:30Z"));
                assertThat(rs.getObject(8)).isNull();
                assertThat(rs.getObject(9)).isNull();
                assertThat(rs.getBoolean(10)).isTrue();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(prefix + "-z.A_9:x");
                assertThat(rs.getString(2)).isEqualTo("ingest-reco");
                assertThat(rs.getString(3)).isEqualTo("ctr");
                assertThat(rs.getDouble(4)).isEqualTo(0.031);
                assertThat(rs.getDouble(5)).isEqualTo(31.0);
                assertThat(rs.getDouble(6)).isEqualTo(1000.0);
                assertThat(rs.getTimestamp(7).toInstant()).isEqualTo(at);
                assertThat(rs.getString(8)).isEqualTo("nüevo");
                assertThat(rs.getString(9)).isEqualTo("{\"segment\": \"nüevo\", \"variant\": \"B \\\"x\\\"\"}");
                assertThat(rs.getBoolean(10)).isTrue();
                assertThat(rs.next()).isFalse();
            }
        }
    }

    /** README "Ids": any 1-128 characters of A-Z a-z 0-9 . _ : - is an id; anything else is refused naming the field. */
    @Test
    void idsFollowTheOneClientIdRule() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        String shop = "shop:order-" + tag + ".ctr_1";
        String longest = tag + "x".repeat(120);
        String body = "[" + String.join(",", item(shop, "ingest-reco", "ctr_ids", 0.1, at, "new"),
                item(longest, "ingest-reco", "ctr_ids", 0.1, at, "new"),
                item(longest + "x", "ingest-reco", "ctr_ids", 0.1, at, "new"),
                item(tag + " with space", "ingest-reco", "ctr_ids", 0.1, at, "new"),
                item(tag + "/slash", "ingest-reco", "ctr_ids", 0.1, at, "new"),
                item("", "ingest-reco", "ctr_ids", 0.1, at, "new")) + "]";
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post("/api/v1/observations")
                .then().statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected.index", contains(2, 3, 4, 5))
                .body("rejected.errors.flatten().field", contains("id", "id", "id", "id"))
                .body("rejected.errors.flatten().message", contains(ClientId.MESSAGE, ClientId.MESSAGE, ClientId.MESSAGE,
                        ClientId.MESSAGE));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post("/api/v1/observations")
                .then().statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(2));
        assertThat(RefineryTestResource.database().queryLong("select count(*) from metrics.observations where id in (?, ?)",
                shop, longest)).isEqualTo(2);
    }

    @Test
    void malformedBatchesAndWrongRolesAreRefusedWithoutWriting() {
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("{\"id\": \"x\"}")
                .post("/api/v1/observations")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("[]")
                .post("/api/v1/observations").then().statusCode(400);
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body("[1,")
                .post("/api/v1/observations").then().statusCode(400).body("errors[0].field", equalTo("body"));
        String tooMany = "[" + String.join(",", java.util.Collections.nCopies(10_001, "{}")) + "]";
        given().header("Authorization", INGEST).contentType(ContentType.JSON).body(tooMany)
                .post("/api/v1/observations").then().statusCode(400).body("errors[0].message", equalTo("must hold at most 10000 items (got 10001)"));
        given().header("Authorization", VIEWER).contentType(ContentType.JSON)
                .body("[" + item("v-1", "ingest-reco", "ctr", 0.1, Instant.now(), "new") + "]")
                .post("/api/v1/observations").then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("[]").post("/api/v1/observations").then().statusCode(401);
        given().header("Authorization", VIEWER).queryParam("step", "PT5M")
                .get("/api/v1/systems/ingest-reco/metrics/ctr/series")
                .then().statusCode(400).body("errors[0].field", equalTo("step"));
        given().header("Authorization", VIEWER).get("/api/v1/systems/nobody/metrics/ctr/series").then().statusCode(404);
    }
}
