package io.refinery.experiments.experiment.domain;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs an analysis that aggregates over every unit of an experiment (segments, interactions). Such a query always
 * wants hash joins; but right after a bulk load PostgreSQL's statistics may still say the experiment has a few
 * thousand units and no outcomes, and it then plans a nested loop that compares every unit with every outcome
 * (measured: more than 3 minutes for 1,000,000 units, where the hash join takes about a second). Nested loops are
 * switched off for the one statement, inside its own transaction ({@code set local}), so the plan does not depend on
 * when autovacuum last analysed the tables.
 */
final class UnitScans {

    private UnitScans() {
    }

    static Uni<RowSet<Row>> run(Pool pool, String sql, Tuple arguments) {
        return pool.withTransaction(conn -> conn.query("set local enable_nestloop = off").execute()
                .flatMap(x -> conn.preparedQuery(sql).execute(arguments)));
    }
}
