package io.refinery.experiments.ingestion.api;

import static io.refinery.experiments.experiment.api.ExperimentFixtures.action;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.binomial;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.createAndStart;
import static io.refinery.experiments.experiment.api.ExperimentFixtures.registerSystem;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.exposure;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.outcome;
import static io.refinery.experiments.ingestion.api.IngestionFlowTest.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.experiments.ingestion.domain.LedgerRetention;
import io.refinery.testing.RefineryTestResource;
import io.restassured.RestAssured;

/**
 * The idempotency ledgers are purged once no replay could count: ids stay while an experiment that was running when
 * they arrived is not concluded plus the grace (P7D), then go; a replay afterwards is refused, not counted.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class LedgerRetentionTest {

    // Long before any other test's experiment started: only this test's experiment can hold these ids back.
    private static final Instant LONG_AGO = Instant.parse("2000-01-02T00:00:00Z");

    @Inject
    LedgerRetention retention;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static long ids(String table, String id) throws Exception {
        return RefineryTestResource.database().queryLong("select count(*) from experiments." + table + " where id = ?", id);
    }

    private static void set(String sql, Object... args) throws Exception {
        RefineryTestResource.database().update(sql, args);
    }

    @Test
    void idsGoOnlyAGraceAfterEveryExperimentRunningWhenTheyArrivedConcludedAndAReplayThenChangesNothing() throws Exception {
        registerSystem("ledger-sys");
        createAndStart(binomial("ledger-exp", "ledger-sys", ""), "ledger-exp");
        post("/api/v1/exposures", "[" + exposure("ledger-x1", "ledger-exp", "unit-1", "treatment") + "]").statusCode(202)
                .body("accepted", equalTo(1));
        post("/api/v1/outcomes", "[" + outcome("ledger-o1", "ledger-exp", "unit-1", "conversion", 1) + "]")
                .statusCode(202).body("accepted", equalTo(1));
        // The experiment started on 2000-01-01 and the ids arrived the next day; a fresh id arrives now.
        set("update experiments.experiments set started_at = ? where key = 'ledger-exp'",
                Timestamp.from(LONG_AGO.minus(Duration.ofDays(1))));
        set("update experiments.exposure_ids set received_at = ? where id = 'ledger-x1'", Timestamp.from(LONG_AGO));
        set("update experiments.outcome_ids set received_at = ? where id = 'ledger-o1'", Timestamp.from(LONG_AGO));
        set("insert into experiments.exposure_ids (id, received_at) values ('ledger-fresh', now())");

        // Running: its ids could still be replayed into it, so they stay.
        retention.purge(Instant.now()).await().indefinitely();
        assertThat(ids("exposure_ids", "ledger-x1")).isEqualTo(1);
        assertThat(ids("outcome_ids", "ledger-o1")).isEqualTo(1);

        // Concluded just now: still within the grace, a late replay is still answered as a duplicate.
        action("ledger-exp", "conclude", "{\"decision\": \"KEEP_CONTROL\"}").statusCode(200);
        retention.purge(Instant.now()).await().indefinitely();
        assertThat(ids("exposure_ids", "ledger-x1")).isEqualTo(1);
        post("/api/v1/outcomes", "[" + outcome("ledger-o1", "ledger-exp", "unit-1", "conversion", 1) + "]")
                .statusCode(202);

        // Concluded 8 days ago (grace P7D): the old ids go, the fresh one stays.
        set("update experiments.experiments set concluded_at = now() - interval '8 days' where key = 'ledger-exp'");
        long purged = retention.purge(Instant.now()).await().indefinitely();
        assertThat(purged).isGreaterThanOrEqualTo(2);
        assertThat(ids("exposure_ids", "ledger-x1")).isZero();
        assertThat(ids("outcome_ids", "ledger-o1")).isZero();
        assertThat(ids("exposure_ids", "ledger-fresh")).isEqualTo(1);

        // A replay of a purged id is refused (the experiment is concluded): the counts do not move.
        double[] before = IngestionFlowTest.stats("ledger-exp", "treatment", "conversion");
        post("/api/v1/exposures", "[" + exposure("ledger-x1", "ledger-exp", "unit-1", "treatment") + "]").statusCode(202)
                .body("accepted", equalTo(0)).body("rejected[0].errors[0].field", equalTo("experimentKey"));
        post("/api/v1/outcomes", "[" + outcome("ledger-o1", "ledger-exp", "unit-1", "conversion", 1) + "]")
                .statusCode(202).body("accepted", equalTo(0)).body("rejected[0].errors[0].field", equalTo("experimentKey"));
        assertThat(IngestionFlowTest.stats("ledger-exp", "treatment", "conversion")).containsExactly(before);
        assertThat(before[0]).isEqualTo(1);
        assertThat(before[3]).isEqualTo(1);
    }
}
