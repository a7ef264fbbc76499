package io.refinery.experiments.assignment.api;

import static io.refinery.experiments.experiment.api.ExperimentFixtures.ADMIN;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.INGEST;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.action;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.binomial;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.create;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.createAndStart;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.registerSystem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.experiments.assignment.allocation.Allocation;
import io.refinery.experiments.experiment.api.ExperimentFixtures;
import io.refinery.testing.RefineryTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Assignment over HTTP: served from the snapshot, stable, following the weights; the 100k check is in AllocationTest. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class AssignmentFlowTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static String variantOf(String key, String unit) {
        return given().header("Authorization", INGEST).queryParam("unitId", unit)
                .get("/api/v1/experiments/" + key + "/assignment").then().statusCode(200)
                .body("experimentKey", equalTo(key)).body("unitId", equalTo(unit)).body("inExperiment", equalTo(true))
                .body("$", hasKey("reason")).extract().path("variant");
    }

    @Test
    void aRunningExperimentAssignsEachUnitStablyAsTheHashSaysAndNearItsWeights() {
        registerSystem("assign-sys");
        createAndStart(binomial("assign-split", "assign-sys", "").replace("\"weight\": 0.5, \"control\": true",
                "\"weight\": 0.7, \"control\": true").replace("\"weight\": 0.5, \"control\": false",
                        "\"weight\": 0.3, \"control\": false"), "assign-split");
        Allocation reference = new Allocation("assign-split", 1.0, List.of("control", "treatment"), List.of(0.7, 0.3));
        Map<String, Integer> counts = new HashMap<>();
        int units = 400;
        for (int i = 0; i < units; i++) {
            String unit = "u-" + i;
            String variant = variantOf("assign-split", unit);
            assertThat(variant).isEqualTo(reference.assign(unit));
            counts.merge(variant, 1, Integer::sum);
        }
        // 400 units: the share's standard error is 2.3 points; the 100,000-unit 1 % check runs in-process.
        assertThat(counts.get("control") / (double) units).isCloseTo(0.7, within(0.07));
        for (int i = 0; i < 20; i++) {
            assertThat(variantOf("assign-split", "u-" + i)).isEqualTo(reference.assign("u-" + i));
        }
    }

    @Test
    void allRunningExperimentsOfASystemAnswerAtOnceAndOthersSayWhyNot() {
        registerSystem("assign-multi");
        createAndStart(binomial("multi-a", "assign-multi", ""), "multi-a");
        createAndStart(binomial("multi-b", "assign-multi", "\"trafficFraction\": 0.2"), "multi-b");
        create(binomial("multi-draft", "assign-multi", "")).statusCode(201);

        Allocation a = new Allocation("multi-a", 1.0, List.of("control", "treatment"), List.of(0.5, 0.5));
        Allocation b = new Allocation("multi-b", 0.2, List.of("control", "treatment"), List.of(0.5, 0.5));
        for (String unit : List.of("user-1", "user-2", "user-3", "user-4", "user-5", "user-6")) {
            var answer = given().header("Authorization", INGEST).contentType(ContentType.JSON)
                    .body("{\"unitId\": \"%s\", \"systemKey\": \"assign-multi\"}".formatted(unit))
                    .post("/api/v1/assignments").then().statusCode(200)
                    .body("unitId", equalTo(unit))
                    .body("assignments.size()", equalTo(2))
                    .body("assignments[0].experimentKey", equalTo("multi-a"))
                    .body("assignments[1].experimentKey", equalTo("multi-b"))
                    .body("assignments[0].variant", equalTo(a.assign(unit)))
                    .extract();
            String inB = b.assign(unit);
            assertThat(answer.<Boolean> path("assignments[1].inExperiment")).isEqualTo(inB != null);
            assertThat(answer.<String> path("assignments[1].variant")).isEqualTo(inB);
            if (inB == null) {
                assertThat(answer.<String> path("assignments[1].reason")).isEqualTo("NOT_IN_TRAFFIC");
            }
        }
        given().header("Authorization", INGEST).queryParam("unitId", "user-1").get("/api/v1/experiments/multi-draft/assignment")
                .then().statusCode(200).body("inExperiment", equalTo(false)).body("reason", equalTo("NOT_RUNNING"))
                .body("variant", nullValue()).body("$", hasKey("variant")); // null fields are written, not left out
        given().header("Authorization", INGEST).queryParam("unitId", "user-1").get("/api/v1/experiments/no-such/assignment")
                .then().statusCode(404);
        given().header("Authorization", INGEST).get("/api/v1/experiments/multi-a/assignment")
                .then().statusCode(400).body("errors[0].field", equalTo("unitId"));
        given().get("/api/v1/experiments/multi-a/assignment?unitId=x").then().statusCode(401);

        // Stopping takes the experiment out of assignment at once on this replica.
        action("multi-a", "stop", "{}").statusCode(200);
        given().header("Authorization", ADMIN).queryParam("unitId", "user-1").get("/api/v1/experiments/multi-a/assignment")
                .then().statusCode(200).body("inExperiment", equalTo(false)).body("reason", equalTo("NOT_RUNNING"));
        given().header("Authorization", INGEST).contentType(ContentType.JSON)
                .body("{\"unitId\": \"user-1\", \"systemKey\": \"assign-multi\"}").post("/api/v1/assignments")
                .then().statusCode(200).body("assignments.size()", equalTo(1));
    }

    @Test
    void pingAnswersAnyRoleAndOnlyWithAToken() {
        for (String token : List.of(INGEST, ExperimentFixtures.VIEWER, ExperimentFixtures.REVIEWER, ADMIN)) {
            given().header("Authorization", token).get("/api/v1/ping").then().statusCode(200).body("pong", equalTo(true));
        }
        given().get("/api/v1/ping").then().statusCode(401);
    }
}
