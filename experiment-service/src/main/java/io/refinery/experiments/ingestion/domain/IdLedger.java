package io.refinery.experiments.ingestion.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records ingested ids in a ledger table inside the caller's transaction and tells which are new. A concurrent
 * transaction inserting the same id waits for this one, then finds it taken: each id counts once.
 */
final class IdLedger {

    private final String insert;

    IdLedger(String table) {
        this.insert = "insert into experiments." + table + " (id, received_at) select id, now() from unnest($1::text[])"
                + " as t(id) order by id on conflict do nothing returning id";
    }

    Uni<Set<String>> recordNew(SqlConnection conn, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return conn.preparedQuery(insert).execute(Tuple.of(ids.toArray(new String[0]))).map(rows -> {
            Set<String> fresh = new HashSet<>();
            for (Row row : rows) {
                fresh.add(row.getString("id"));
            }
            return fresh;
        });
    }
}
