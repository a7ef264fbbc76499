package io.refinery.experiments.experiment.api;

import static io.refinery.experiments.experiment.api.ExperimentFixtures.VIEWER;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.binomial;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.createAndStart;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.registerSystem;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.exposure;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.outcome;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.experiments.stats.ArmStatistic;
import io.refinery.experiments.stats.InteractionTest;
import io.refinery.experiments.stats.ProportionStatistic;
import io.refinery.testing.RefineryTestResource;
import io.restassured.path.json.JsonPath;

/**
 * Two experiments on the same system and the same 800 users: the new ranker (A) only lifts conversion when the new
 * banner (B) is shown too. The interactions endpoint finds that, and finds the assignments independent.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class InteractionsFlowTest {

    @BeforeAll
    static void config() {
        ExperimentFixtures.readNumbersAsDoubles();
    }

    @Test
    void anEffectThatDependsOnTheOtherExperimentsVariantIsFlagged() {
        registerSystem("inter-shop");
        createAndStart(binomial("inter-a", "inter-shop", ""), "inter-a");
        createAndStart(binomial("inter-b", "inter-shop", "").replace("\"conversion\"", "\"banner_click\""), "inter-b");
        String p = UUID.randomUUID().toString();
        String[] variants = { "control", "treatment" };
        long[][] units = new long[2][2];
        long[][] converted = new long[2][2];
        List<String> exposures = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            String unit = "u-" + i;
            int a = i % 2;
            int b = (i / 2) % 2;
            exposures.add(exposure(p + "-a-" + unit, "inter-a", unit, variants[a]));
            exposures.add(exposure(p + "-b-" + unit, "inter-b", unit, variants[b]));
            units[a][b]++;
            int rate = a == 1 && b == 1 ? 4 : 1; // in tenths: 10 % everywhere, 40 % for ranker and banner together
            if ((i / 4) % 10 < rate) {
                converted[a][b]++;
                outcomes.add(outcome(p + "-o-" + unit, "inter-a", unit, "conversion", 1));
            }
        }
        post("/api/v1/exposures", "[" + String.join(",", exposures) + "]").statusCode(202).body("accepted", equalTo(1600));
        post("/api/v1/outcomes", "[" + String.join(",", outcomes) + "]").statusCode(202);

        JsonPath r = given().header("Authorization", VIEWER).get("/api/v1/experiments/inter-a/interactions").then()
                .statusCode(200).extract().jsonPath();
        assertThat(r.getString("metric")).isEqualTo("conversion");
        assertThat(r.getList("others.otherExperimentKey")).containsExactly("inter-b");
        assertThat(r.getDouble("others[0].sharedUnits")).isEqualTo(800.0);
        InteractionTest.Independence expected = InteractionTest.independence(units);
        assertThat(r.getDouble("others[0].assignment.pValue")).isCloseTo(expected.pValue(), within(1e-12));
        assertThat(r.getBoolean("others[0].assignment.dependent")).isFalse();
        ArmStatistic[][] cells = new ArmStatistic[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                cells[a][b] = new ProportionStatistic(units[a][b], converted[a][b]);
            }
        }
        InteractionTest.Contrast effect = InteractionTest.effects(cells, 0.05).get(0);
        assertThat(r.getString("others[0].effects[0].variant")).isEqualTo("treatment");
        assertThat(r.getString("others[0].effects[0].otherVariant")).isEqualTo("treatment");
        assertThat(r.getDouble("others[0].effects[0].interaction")).isCloseTo(effect.interaction(), within(1e-12))
                .isCloseTo(0.3, within(1e-12));
        assertThat(r.getDouble("others[0].effects[0].pValue")).isCloseTo(effect.pValue(), within(1e-12));
        assertThat(r.getBoolean("others[0].interacting")).isTrue();

        // Seen from B, whose own metric has no outcomes: the same table, transposed, and nothing to compare yet.
        given().header("Authorization", VIEWER).get("/api/v1/experiments/inter-b/interactions").then().statusCode(200)
                .body("others[0].otherExperimentKey", equalTo("inter-a"))
                .body("others[0].effects[0].status", equalTo("ZERO_VARIANCE"));
        given().header("Authorization", VIEWER).get("/api/v1/experiments/no-such/interactions").then().statusCode(404);

        // The clocked checks test it too, and the results flag the interaction.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/experiments/inter-a/results").then().statusCode(200)
                .body("interactions.flagged.otherExperimentKey", equalTo(List.of("inter-b")))
                .body("interactions.flagged[0].reason", equalTo("EFFECT_INTERACTION"))
                .body("interactions.flagged[0].sharedUnits", equalTo(800)));
    }
}
