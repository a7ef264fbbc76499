package io.refinery.experiments.ingestion.api;

import static io.refinery.experiments.experiment.api.ExperimentFixtures.INGEST;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.binomial;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.createAndStart;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.registerSystem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.experiments.experiment.api.ExperimentFixtures;
import io.refinery.platform.ids.ClientId;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Exposures and outcomes over HTTP and Kafka keep exact per-variant sums: each unit once, outcomes summed per unit. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
public class IngestionFlowTest {

    static final String GUARDED = "\"guardrails\": [{\"name\": \"revenue\", \"type\": \"CONTINUOUS\", \"direction\": \"INCREASE\", \"maxRegression\": 0.05}]";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    public static ValidatableResponse post(String path, String body) {
        return given().header("Authorization", INGEST).contentType(ContentType.JSON).body(body).post(path).then();
    }

    public static String exposure(String id, String experiment, String unit, String variant) {
        return "{\"id\": \"%s\", \"experimentKey\": \"%s\", \"unitId\": \"%s\"%s}".formatted(id, experiment, unit,
                variant == null ? "" : ", \"variant\": \"" + variant + "\"");
    }

    public static String outcome(String id, String experiment, String unit, String metric, double value) {
        return "{\"id\": \"%s\", \"experimentKey\": \"%s\", \"unitId\": \"%s\", \"metric\": \"%s\", \"value\": %s}"
                .formatted(id, experiment, unit, metric, value);
    }

    /** {units, sum, sum_sq, conversions} of one variant and metric (metric null: units only). */
    static double[] stats(String experiment, String variant, String metric) throws Exception {
        String sql = "select vs.units, coalesce(m.sum, 0), coalesce(m.sum_sq, 0), coalesce(m.conversions, 0)"
                + " from experiments.variant_stats vs join experiments.experiments e on e.id = vs.experiment_id"
                + " left join experiments.variant_metric_stats m on m.experiment_id = vs.experiment_id"
                + " and m.variant = vs.variant and m.metric = ? where e.key = ? and vs.variant = ?";
        try (Connection c = RefineryTestResource.database().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, metric == null ? "" : metric);
            s.setString(2, experiment);
            s.setString(3, variant);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return new double[] { 0, 0, 0, 0 };
                }
                return new double[] { rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4) };
            }
        }
    }

    @Test
    void overHttpEachUnitCountsOnceOutcomesSumPerUnitAndReplaysChangeNothing() throws Exception {
        registerSystem("ingest-http");
        createAndStart(binomial("ingest-http-exp", "ingest-http", GUARDED), "ingest-http-exp");
        String p = UUID.randomUUID().toString();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            items.add(exposure(p + "-e" + i, "ingest-http-exp", "u" + i, i < 3 ? "control" : "treatment"));
        }
        items.add(exposure(p + "-e0", "ingest-http-exp", "u0", "control")); // the same id again
        items.add(exposure(p + "-e0b", "ingest-http-exp", "u0", "treatment")); // a later exposure of u0: ignored
        items.add(exposure(p + "-bad1", "no-such-exp", "u9", "control"));
        items.add(exposure(p + "-bad2", "ingest-http-exp", "u9", "nope"));
        items.add("{\"id\": \"" + p + "-bad3\", \"experimentKey\": \"ingest-http-exp\"}");
        post("/api/v1/exposures", "[" + String.join(",", items) + "]").statusCode(202)
                .body("accepted", equalTo(7))
                .body("duplicates", equalTo(1))
                .body("rejected.index", equalTo(List.of(8, 9, 10)))
                .body("rejected[0].errors[0].field", equalTo("experimentKey"))
                .body("rejected[1].errors[0].field", equalTo("variant"))
                .body("rejected[2].errors.field", equalTo(List.of("unitId")));
        post("/api/v1/exposures", "[" + items.get(1) + "]").statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        assertThat(stats("ingest-http-exp", "control", null)[0]).isEqualTo(3);
        assertThat(stats("ingest-http-exp", "treatment", null)[0]).isEqualTo(3);

        // u0 converts twice (still one conversion, sum 2), u1 once, u3 once; revenue is summed per unit.
        String outcomes = "[" + String.join(",", List.of(
                outcome(p + "-o1", "ingest-http-exp", "u0", "conversion", 1),
                outcome(p + "-o2", "ingest-http-exp", "u0", "conversion", 1),
                outcome(p + "-o3", "ingest-http-exp", "u1", "conversion", 1),
                outcome(p + "-o4", "ingest-http-exp", "u3", "conversion", 1),
                outcome(p + "-o5", "ingest-http-exp", "u0", "revenue", 10.5),
                outcome(p + "-o6", "ingest-http-exp", "u0", "revenue", 4.5),
                outcome(p + "-o7", "ingest-http-exp", "u3", "revenue", 20),
                outcome(p + "-o1", "ingest-http-exp", "u0", "conversion", 1),
                outcome(p + "-bad", "ingest-http-exp", "u0", "clicks", 1))) + "]";
        post("/api/v1/outcomes", outcomes).statusCode(202)
                .body("accepted", equalTo(7)).body("duplicates", equalTo(1)).body("unattributed", equalTo(0))
                .body("rejected[0].index", equalTo(8)).body("rejected[0].errors[0].field", equalTo("metric"));
        post("/api/v1/outcomes", outcomes).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(8));
        assertThat(stats("ingest-http-exp", "control", "conversion")).containsExactly(3, 3, 5, 2); // u0: 2, u1: 1
        assertThat(stats("ingest-http-exp", "treatment", "conversion")).containsExactly(3, 1, 1, 1);
        assertThat(stats("ingest-http-exp", "control", "revenue")).containsExactly(3, 15, 225, 1);
        assertThat(stats("ingest-http-exp", "treatment", "revenue")).containsExactly(3, 20, 400, 1);

        // Outcomes that arrive before the exposure wait for it; a system-wide outcome counts where the unit is exposed.
        post("/api/v1/outcomes", "[" + outcome(p + "-o8", "ingest-http-exp", "late", "conversion", 1) + "]")
                .statusCode(202).body("accepted", equalTo(1));
        assertThat(stats("ingest-http-exp", "treatment", "conversion")).containsExactly(3, 1, 1, 1);
        post("/api/v1/exposures", "[" + exposure(p + "-e9", "ingest-http-exp", "late", "treatment") + "]")
                .statusCode(202).body("accepted", equalTo(1));
        assertThat(stats("ingest-http-exp", "treatment", "conversion")).containsExactly(4, 2, 2, 2);
        post("/api/v1/outcomes", "[" + String.join(",",
                "{\"id\": \"%s-s1\", \"systemKey\": \"ingest-http\", \"unitId\": \"u4\", \"metric\": \"conversion\", \"value\": 1}".formatted(p),
                "{\"id\": \"%s-s2\", \"systemKey\": \"ingest-http\", \"unitId\": \"never-exposed\", \"metric\": \"conversion\", \"value\": 1}".formatted(p))
                + "]").statusCode(202).body("accepted", equalTo(2)).body("unattributed", equalTo(1));
        assertThat(stats("ingest-http-exp", "treatment", "conversion")).containsExactly(4, 3, 3, 3);

        post("/api/v1/exposures", "{}").statusCode(400).body("errors[0].field", equalTo("body"));
        post("/api/v1/exposures", "[").statusCode(400).body("errors[0].field", equalTo("body"));
        given().header("Authorization", ExperimentFixtures.VIEWER).contentType(ContentType.JSON).body("[]")
                .post("/api/v1/exposures").then().statusCode(403);
    }

    /** README "Ids": any 1-128 characters of A-Z a-z 0-9 . _ : - is an id; anything else is refused naming the field. */
    @Test
    void idsFollowTheOneClientIdRule() throws Exception {
        registerSystem("ingest-ids");
        createAndStart(binomial("ingest-ids-exp", "ingest-ids", ""), "ingest-ids-exp");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String shop = "shop:exp-" + tag + ".u1_A";
        String longest = tag + "x".repeat(120);
        String exposures = "[" + String.join(",",
                exposure(shop, "ingest-ids-exp", "u1", "control"),
                exposure(longest, "ingest-ids-exp", "u2", "treatment"),
                exposure(longest + "x", "ingest-ids-exp", "u3", "control"),
                exposure(tag + " space", "ingest-ids-exp", "u4", "control"),
                exposure(tag + "/slash", "ingest-ids-exp", "u5", "control"),
                "{\"id\": 42, \"experimentKey\": \"ingest-ids-exp\", \"unitId\": \"u6\"}") + "]";
        post("/api/v1/exposures", exposures).statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected.index", equalTo(List.of(2, 3, 4, 5)))
                .body("rejected.errors.flatten().field", equalTo(List.of("id", "id", "id", "id")))
                .body("rejected.errors.flatten().message", equalTo(java.util.Collections.nCopies(4, ClientId.MESSAGE)));
        post("/api/v1/exposures", exposures).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(2));
        String outcomes = "[" + String.join(",",
                outcome(shop + ".o", "ingest-ids-exp", "u1", "conversion", 1),
                outcome(tag + " o", "ingest-ids-exp", "u1", "conversion", 1)) + "]";
        post("/api/v1/outcomes", outcomes).statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].errors[0].field", equalTo("id"))
                .body("rejected[0].errors[0].message", equalTo(ClientId.MESSAGE));
        assertThat(stats("ingest-ids-exp", "control", "conversion")).containsExactly(1, 1, 1, 1);
    }

    @Test
    void fromKafkaTheSameChecksApplyAndRefusedRecordsGoToTheDeadLetterTopic() throws Exception {
        registerSystem("ingest-kafka");
        createAndStart(binomial("ingest-kafka-exp", "ingest-kafka", ""), "ingest-kafka-exp");
        String bootstrap = RefineryTestResource.bootstrapServers();
        String p = UUID.randomUUID().toString();
        for (int i = 0; i < 10; i++) {
            TestTopics.send(bootstrap, "refinery.experiments.exposures", "ingest-kafka",
                    exposure(p + "-e" + i, "ingest-kafka-exp", "k" + i, i % 2 == 0 ? "control" : "treatment"));
        }
        TestTopics.send(bootstrap, "refinery.experiments.exposures", "ingest-kafka",
                exposure(p + "-e0", "ingest-kafka-exp", "k0", "control"));
        TestTopics.sendCloudEvent(bootstrap, "refinery.experiments.outcomes", "ingest-kafka", """
                {"specversion": "1.0", "id": "%s", "source": "/shop", "type": "io.shop.order.v1", "subject": "ingest-kafka",
                 "data": %s}""".formatted(UUID.randomUUID(), outcome(p + "-o1", "ingest-kafka-exp", "k1", "conversion", 1)));
        TestTopics.send(bootstrap, "refinery.experiments.outcomes", "poison-1", "not json");
        TestTopics.send(bootstrap, "refinery.experiments.exposures", "poison-2",
                exposure(p + "-bad", "ingest-kafka-exp", "k99", "nope"));
        TestTopics.send(bootstrap, "refinery.experiments.exposures", "poison-3",
                exposure(p + " bad/id", "ingest-kafka-exp", "k98", "control"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(stats("ingest-kafka-exp", "control", null)[0]).isEqualTo(5);
            assertThat(stats("ingest-kafka-exp", "treatment", "conversion")).containsExactly(5, 1, 1, 1);
        });
        List<ConsumerRecord<String, String>> dead = TestTopics.awaitRecord(bootstrap, "refinery.experiments.exposures.dlq",
                r -> "poison-2".equals(r.key()), Duration.ofSeconds(20));
        assertThat(new String(dead.get(dead.size() - 1).headers().lastHeader("refinery-error").value(), StandardCharsets.UTF_8))
                .contains("variant");
        List<ConsumerRecord<String, String>> badIds = TestTopics.awaitRecord(bootstrap,
                "refinery.experiments.exposures.dlq", r -> "poison-3".equals(r.key()), Duration.ofSeconds(20));
        assertThat(new String(badIds.get(badIds.size() - 1).headers().lastHeader("refinery-error").value(),
                StandardCharsets.UTF_8)).isEqualTo("[{\"field\":\"id\",\"message\":\"" + ClientId.MESSAGE + "\"}]");
        TestTopics.awaitRecord(bootstrap, "refinery.experiments.outcomes.dlq", r -> "poison-1".equals(r.key()),
                Duration.ofSeconds(20));
    }
}
