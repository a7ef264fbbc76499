package io.refinery.experiments.experiment.api;

import static io.restassured.RestAssured.given;

import io.refinery.testing.RefineryTestResource;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.events.SystemEvents;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Bodies and calls the experiment flow tests share. */
public final class ExperimentFixtures {

    public static final String ADMIN = TestTokens.bearer("alice", "admin");
    public static final String REVIEWER = TestTokens.bearer("rita", "reviewer");
    public static final String VIEWER = TestTokens.bearer("victor", "viewer");
    public static final String INGEST = TestTokens.bearer("shop", "ingest");

    private ExperimentFixtures() {
    }

    public static void registerSystem(String key) {
        SystemEvents.registerAndAwait(RefineryTestResource.bootstrapServers(), key);
    }

    /** A two-variant conversion experiment (5 % baseline, +10 % MDE), {@code extra} added as top-level fields. */
    public static String binomial(String key, String system, String extra) {
        return """
                {"key": "%s", "systemKey": "%s", "kind": "MODEL_VARIANT", "hypothesis": "The new ranker lifts conversion",
                 "unitType": "USER",
                 "variants": [{"key": "control", "weight": 0.5, "control": true, "description": "ranker v6"},
                              {"key": "treatment", "weight": 0.5, "control": false, "description": "ranker v7"}],
                 "primaryMetric": {"name": "conversion", "type": "BINOMIAL", "direction": "INCREASE",
                                   "minimumDetectableEffect": 0.1, "baselineRate": 0.05},
                 "maxDuration": "P28D"%s}""".formatted(key, system, extra.isEmpty() ? "" : ", " + extra);
    }

    public static ValidatableResponse create(String body) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .post("/api/v1/experiments").then();
    }

    public static ValidatableResponse action(String key, String action, String body) {
        var request = given().header("Authorization", ADMIN);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.post("/api/v1/experiments/" + key + "/" + action).then();
    }

    public static void createAndStart(String body, String key) {
        create(body).statusCode(201);
        action(key, "start", null).statusCode(200);
    }

    /** Logs failed validations and reads every JSON number as a double, as the results tests compare them. */
    public static void readNumbersAsDoubles() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    /** {@code GET /api/v1/experiments/{key}/results} as a viewer, which must answer 200. */
    public static JsonPath results(String key) {
        return given().header("Authorization", VIEWER).get("/api/v1/experiments/" + key + "/results").then()
                .statusCode(200).extract().jsonPath();
    }
}
