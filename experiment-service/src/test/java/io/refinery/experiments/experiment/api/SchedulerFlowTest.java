package io.refinery.experiments.experiment.api;

import static io.refinery.experiments.experiment.api.ExperimentFixtures.ADMIN;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.VIEWER;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.binomial;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.createAndStart;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.registerSystem;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.exposure;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.outcome;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.RestAssured;

/** The clocked checks: max duration concludes, the sample or the boundary stops, overdue is told, coverage gaps open. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class SchedulerFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIFECYCLE = "refinery.experiments.lifecycle";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** {@code units} exposures per variant, the first {@code control}/{@code treatment} of them converting. */
    private static void feed(String key, int units, int control, int treatment) {
        String p = UUID.randomUUID().toString();
        List<String> exposures = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (String variant : List.of("control", "treatment")) {
            int converted = variant.equals("control") ? control : treatment;
            for (int i = 0; i < units; i++) {
                String unit = variant + "-" + i;
                exposures.add(exposure(p + "-e-" + unit, key, unit, variant));
                if (i < converted) {
                    outcomes.add(outcome(p + "-o-" + unit, key, unit, "conversion", 1));
                }
            }
        }
        post("/api/v1/exposures", "[" + String.join(",", exposures) + "]").statusCode(202);
        post("/api/v1/outcomes", "[" + String.join(",", outcomes) + "]").statusCode(202);
    }

    private static void backdate(String column, Instant value, String key) throws Exception {
        RefineryTestResource.database().update("update experiments.experiments set " + column
                + " = ?, next_check_at = ? where key = ?", Timestamp.from(value), Timestamp.from(Instant.now().minusSeconds(5)), key);
    }

    private static io.restassured.response.ValidatableResponse experiment(String key) {
        return given().header("Authorization", VIEWER).get("/api/v1/experiments/" + key).then().statusCode(200);
    }

    private static JsonNode read(ConsumerRecord<String, String> r) {
        try {
            return JSON.readTree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void atMaxDurationARunningExperimentIsEvaluatedStoppedAndConcludedAutomaticallyWithEvents() throws Exception {
        registerSystem("sched-max");
        createAndStart(binomial("sched-max-exp", "sched-max", ""), "sched-max-exp");
        feed("sched-max-exp", 200, 10, 60);
        experiment("sched-max-exp").body("state", equalTo("RUNNING"));
        backdate("ends_at", Instant.now().minusSeconds(60), "sched-max-exp");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> experiment("sched-max-exp")
                .body("state", equalTo("CONCLUDED")));
        String requestId = experiment("sched-max-exp")
                .body("stopTrigger", equalTo("MAX_DURATION"))
                .body("decision", equalTo("SHIP:treatment"))
                .body("concludedBy", equalTo("experiment-service"))
                .body("decisionRationale", containsString("concluded automatically at max duration P28D"))
                .body("lastEvaluatedAt", notNullValue())
                .extract().path("rollout.requestId");
        assertThat(requestId).isNotNull();

        String bootstrap = RefineryTestResource.bootstrapServers();
        List<ConsumerRecord<String, String>> concluded = TestTopics.awaitRecord(bootstrap, LIFECYCLE,
                r -> r.value().contains("experiment.concluded.v1") && r.value().contains("\"sched-max-exp\""), Duration.ofSeconds(20));
        JsonNode event = read(concluded.get(concluded.size() - 1));
        assertThat(event.at("/data/trigger").asText()).isEqualTo("MAX_DURATION");
        assertThat(event.at("/data/decision").asText()).isEqualTo("SHIP:treatment");
        assertThat(event.at("/data/evaluation/recommendation/decision").asText()).isEqualTo("SHIP:treatment");
        assertThat(TestTopics.readAll(bootstrap, LIFECYCLE, r -> r.value().contains("experiment.stopped.v1")
                && r.value().contains("\"sched-max-exp\""), Duration.ofSeconds(1))).singleElement()
                .satisfies(r -> assertThat(read(r).at("/data/trigger").asText()).isEqualTo("MAX_DURATION"));
        List<ConsumerRecord<String, String>> requests = TestTopics.awaitRecord(bootstrap, "refinery.oversight.requests",
                r -> r.value().contains(requestId), Duration.ofSeconds(20));
        JsonNode request = read(requests.get(requests.size() - 1));
        assertThat(request.at("/data/actionType").asText()).isEqualTo("MODEL_ROLLOUT");
        assertThat(request.at("/data/magnitude").asDouble()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9)); // 30 % against 5 %: +500 %
        assertThat(request.at("/data/confidence").asDouble()).isGreaterThan(0.99);
    }

    @Test
    void evaluationOnDemandDoesWhatTheSchedulerWouldDoAtTheGivenInstant() {
        registerSystem("sched-eval");
        createAndStart(binomial("sched-eval-exp", "sched-eval", "").replace("P28D", "PT2H"), "sched-eval-exp");
        given().header("Authorization", ADMIN).post("/api/v1/experiments/sched-eval-exp/evaluate").then().statusCode(200)
                .body("action", equalTo("NONE"))
                .body("experiment.state", equalTo("RUNNING"))
                .body("results.recommendation.decision", equalTo("INCONCLUSIVE"));
        given().header("Authorization", ADMIN).queryParam("at", "yesterday")
                .post("/api/v1/experiments/sched-eval-exp/evaluate").then().statusCode(400).body("errors[0].field", equalTo("at"));
        given().header("Authorization", VIEWER).post("/api/v1/experiments/sched-eval-exp/evaluate").then().statusCode(403);
        given().header("Authorization", ADMIN).queryParam("at", Instant.now().plus(3, ChronoUnit.HOURS).toString())
                .post("/api/v1/experiments/sched-eval-exp/evaluate").then().statusCode(200)
                .body("action", equalTo("CONCLUDED"))
                .body("experiment.state", equalTo("CONCLUDED"))
                .body("experiment.stopTrigger", equalTo("MAX_DURATION"))
                .body("experiment.decision", equalTo("INCONCLUSIVE"))
                .body("results.recommendation.reasons[0]", equalTo("no exposed units yet"));
        given().header("Authorization", ADMIN).post("/api/v1/experiments/sched-eval-exp/evaluate").then().statusCode(409);
    }

    @Test
    void reachingTheRequiredSampleStopsTheExperimentAndAnUnconcludedStopBecomesOverdue() throws Exception {
        registerSystem("sched-sample");
        // 50 % baseline, +50 %: 55 units per variant.
        createAndStart(binomial("sched-sample-exp", "sched-sample", "").replace("\"minimumDetectableEffect\": 0.1, \"baselineRate\": 0.05",
                "\"minimumDetectableEffect\": 0.5, \"baselineRate\": 0.5"), "sched-sample-exp");
        experiment("sched-sample-exp").body("requiredUnitsPerVariant", equalTo(55));
        feed("sched-sample-exp", 60, 30, 40);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> experiment("sched-sample-exp")
                .body("state", equalTo("STOPPED"))
                .body("stopTrigger", equalTo("SAMPLE_REACHED")));

        backdate("stopped_at", Instant.now().minus(4, ChronoUnit.DAYS), "sched-sample-exp");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> experiment("sched-sample-exp")
                .body("overdueAt", notNullValue()).body("state", equalTo("STOPPED")));
        List<ConsumerRecord<String, String>> overdue = TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(),
                LIFECYCLE, r -> r.value().contains("experiment.overdue.v1") && r.value().contains("\"sched-sample-exp\""),
                Duration.ofSeconds(20));
        ConsumerRecord<String, String> last = overdue.get(overdue.size() - 1); // awaitRecord returns what it read, the match last
        assertThat(read(last).at("/data/reason").asText()).contains("not concluded within P3D");
        assertThat(last.key()).isEqualTo("sched-sample");
    }

    @Test
    void aSequentialExperimentStopsWhenATreatmentCrossesTheAlwaysValidBoundary() {
        registerSystem("sched-seq");
        // 10 % baseline, +50 %: mSPRT's mixing variance is tuned for the 683 units per variant this plans for.
        createAndStart(binomial("sched-seq-exp", "sched-seq", "\"analysis\": \"SEQUENTIAL\"").replace(
                "\"minimumDetectableEffect\": 0.1, \"baselineRate\": 0.05", "\"minimumDetectableEffect\": 0.5, \"baselineRate\": 0.1"),
                "sched-seq-exp");
        feed("sched-seq-exp", 400, 40, 100);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> experiment("sched-seq-exp")
                .body("state", equalTo("STOPPED"))
                .body("stopTrigger", equalTo("SEQUENTIAL_BOUNDARY")));
        given().header("Authorization", VIEWER).get("/api/v1/experiments/sched-seq-exp/results").then().statusCode(200)
                .body("primaryMetric.comparisons[0].sequential.boundaryCrossed", equalTo(true))
                .body("recommendation.decision", equalTo("SHIP:treatment"));
    }

    @Test
    void aSystemWithoutARunningExperimentIsACoverageGapUntilOneStarts() throws Exception {
        registerSystem("cov-gap");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .queryParam("limit", "500").get("/api/v1/coverage").then().statusCode(200)
                .body("items.find { it.systemKey == 'cov-gap' }.gapSince", notNullValue())
                .body("items.find { it.systemKey == 'cov-gap' }.kind", equalTo("CHATBOT")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("refinery_experiment_coverage_gap{system=\"cov-gap\"} 1.0")));
        String bootstrap = RefineryTestResource.bootstrapServers();
        TestTopics.awaitRecord(bootstrap, LIFECYCLE, r -> "cov-gap".equals(r.key())
                && r.value().contains("coverage.gap-opened.v1"), Duration.ofSeconds(20));

        createAndStart(binomial("cov-gap-exp", "cov-gap", ""), "cov-gap-exp");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .queryParam("limit", "500").get("/api/v1/coverage").then().statusCode(200)
                .body("items.systemKey", not(org.hamcrest.Matchers.hasItem("cov-gap"))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("refinery_experiment_coverage_gap{system=\"cov-gap\"} 0.0"))
                .body(containsString("refinery_experiments_running{system=\"cov-gap\"} 1.0")));
        List<ConsumerRecord<String, String>> closed = TestTopics.awaitRecord(bootstrap, LIFECYCLE, r -> "cov-gap".equals(r.key())
                && r.value().contains("coverage.gap-closed.v1"), Duration.ofSeconds(20));
        assertThat(read(closed.get(closed.size() - 1)).at("/data/experimentKey").asText()).isEqualTo("cov-gap-exp");
    }
}
