package io.refinery.metrics.observation.domain;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.refinery.metrics.rollup.domain.RollupDelta;

/**
 * Writes observation batches at COPY speed, idempotently, in one transaction: the new rows go in with PostgreSQL
 * {@code COPY} (the reactive driver has no COPY, so this one path uses JDBC on a worker thread) and the rollups
 * of exactly those rows are upserted from an in-memory {@link RollupDelta}. The first attempt assumes every id
 * is new (the common case, no lookup); if the primary key refuses one (stored before, or repeated inside the batch),
 * the transaction rolls back whole and the batch is written again without the ids already stored and without
 * repeats (first one wins). Two batches racing with the same new id end the same way.
 */
@ApplicationScoped
public class ObservationStore {

    private static final String EXISTING = "select id from metrics.observations where id = any(?)";
    private static final String COPY = "copy metrics.observations (" + ObservationCopyRows.COLUMNS
            + ") from stdin (format binary)";
    static final String UPSERT_ROLLUPS = """
            insert into metrics.rollups as r (system_key, metric, step, segment, bucket, count, sum, min, max,
                                              ratio_count, numerator_sum, denominator_sum, updated_at)
            select *, now() from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::bigint[],
                                        ?::float8[], ?::float8[], ?::float8[], ?::bigint[], ?::float8[], ?::float8[])
            on conflict (system_key, metric, step, segment, bucket) do update set
              count = r.count + excluded.count,
              sum = r.sum + excluded.sum,
              min = least(r.min, excluded.min),
              max = greatest(r.max, excluded.max),
              ratio_count = r.ratio_count + excluded.ratio_count,
              numerator_sum = r.numerator_sum + excluded.numerator_sum,
              denominator_sum = r.denominator_sum + excluded.denominator_sum,
              updated_at = now()
            """;
    private static final String KNOWN = "select system_key from metrics.systems where system_key = any(?)";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 6;

    private final DataSource dataSource;

    public ObservationStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the batch; returns how many were new per system (the rest were already stored). */
    public Uni<Map<String, Integer>> insert(List<Observation> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.createFrom().item(() -> insertWithRetry(batch)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Which of these system keys are registered (known from refinery.systems). */
    public Uni<Set<String>> knownSystems(Set<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Uni.createFrom().item(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(KNOWN)) {
                q.setArray(1, c.createArrayOf("text", keys.toArray()));
                return readStrings(q);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read known systems", e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Map<String, Integer> insertWithRetry(List<Observation> batch) {
        for (int attempt = 1;; attempt++) {
            try {
                return insertOnce(batch, attempt > 1);
            } catch (SQLException | IOException e) {
                // A refused COPY surfaces as an IOException ("Ending write to copy failed") around the SQL error.
                if (!UNIQUE_VIOLATION.equals(sqlState(e)) || attempt == ATTEMPTS) {
                    throw new IllegalStateException("storing " + batch.size() + " observations failed", e);
                }
            }
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private Map<String, Integer> insertOnce(List<Observation> batch, boolean lookUpStored) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // First attempt: every id assumed new, repeats inside the batch included (the key refuses them).
                List<Observation> fresh = lookUpStored ? withoutStored(c, batch) : batch;
                if (!fresh.isEmpty()) {
                    try (PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), COPY, 256 * 1024)) {
                        ObservationCopyRows.write(fresh, Instant.now(), copy);
                    }
                    upsertRollups(c, RollupDelta.of(fresh).cells());
                }
                c.commit();
                return countBySystem(fresh);
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** How many observations each system has in the list (runs of one shared system key counted without hashing). */
    static Map<String, Integer> countBySystem(List<Observation> observations) {
        Map<String, Integer> counts = new HashMap<>();
        String run = null;
        int length = 0;
        for (Observation o : observations) {
            if (o.systemKey() != run) {
                if (run != null) {
                    counts.merge(run, length, Integer::sum);
                }
                run = o.systemKey();
                length = 0;
            }
            length++;
        }
        if (run != null) {
            counts.merge(run, length, Integer::sum);
        }
        return counts;
    }

    /** The batch minus ids already stored and minus repeats inside the batch (first one wins). */
    private static List<Observation> withoutStored(Connection c, List<Observation> batch) throws SQLException {
        Set<String> seen = new HashSet<>();
        try (PreparedStatement q = c.prepareStatement(EXISTING)) {
            q.setArray(1, c.createArrayOf("text", batch.stream().map(Observation::id).toArray()));
            seen.addAll(readStrings(q));
        }
        List<Observation> fresh = new ArrayList<>(batch.size());
        for (Observation o : batch) {
            if (seen.add(o.id())) {
                fresh.add(o);
            }
        }
        return fresh;
    }

    private static void upsertRollups(Connection c, Collection<RollupDelta.Cell> cells) throws SQLException {
        int n = cells.size();
        Object[] systems = new Object[n], metrics = new Object[n], steps = new Object[n], segments = new Object[n];
        Object[] buckets = new Object[n], counts = new Object[n], sums = new Object[n], mins = new Object[n];
        Object[] maxs = new Object[n], ratioCounts = new Object[n], numerators = new Object[n], denominators = new Object[n];
        int i = 0;
        for (RollupDelta.Cell cell : cells) {
            systems[i] = cell.systemKey;
            metrics[i] = cell.metric;
            steps[i] = cell.step.name();
            segments[i] = cell.segment;
            buckets[i] = Timestamp.from(cell.bucket);
            counts[i] = cell.count;
            sums[i] = cell.sum;
            mins[i] = cell.min;
            maxs[i] = cell.max;
            ratioCounts[i] = cell.ratioCount;
            numerators[i] = cell.numeratorSum;
            denominators[i] = cell.denominatorSum;
            i++;
        }
        try (PreparedStatement upsert = c.prepareStatement(UPSERT_ROLLUPS)) {
            Array[] arrays = { c.createArrayOf("text", systems), c.createArrayOf("text", metrics),
                    c.createArrayOf("text", steps), c.createArrayOf("text", segments),
                    c.createArrayOf("timestamptz", buckets), c.createArrayOf("bigint", counts),
                    c.createArrayOf("float8", sums), c.createArrayOf("float8", mins), c.createArrayOf("float8", maxs),
                    c.createArrayOf("bigint", ratioCounts), c.createArrayOf("float8", numerators),
                    c.createArrayOf("float8", denominators) };
            for (int p = 0; p < arrays.length; p++) {
                upsert.setArray(p + 1, arrays[p]);
            }
            upsert.executeUpdate();
        }
    }

    private static Set<String> readStrings(PreparedStatement q) throws SQLException {
        Set<String> values = new HashSet<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
