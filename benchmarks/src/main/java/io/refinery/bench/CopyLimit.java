package io.refinery.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;

/**
 * PostgreSQL's COPY limit: the rows of the Kafka measurement loaded with one COPY into a fresh scratch table shaped
 * like metrics.observations (same columns, primary key and index), in schema bench, which is dropped afterwards.
 * Each into a fresh table: three times in the binary format metrics-service writes (the best of the three is the
 * limit) and once as CSV (for comparison; it was the service's format until 2026-11-25). The bytes are built in memory before the clock
 * starts; the time includes the commit.
 */
final class CopyLimit {

    static final String COLUMNS = "id, system_key, metric, value, numerator, denominator, observed_at, segment,"
            + " dimensions, received_at";
    private static final String TABLE = "bench.observations_copy";
    /** A checkpoint or autovacuum landing in one COPY slows it; the limit is the best of a few. */
    private static final int BINARY_ATTEMPTS = 3;

    private CopyLimit() {
    }

    static Map<String, Double> run(Config config) throws Exception {
        List<Workload.Obs> rows = Workload.generate(config.systemKey(), config.runId() + "-k", config.seed("kafka"),
                config.n());
        Instant receivedAt = Instant.now();
        Map<String, Double> results = new LinkedHashMap<>();
        try (Connection db = Db.connect(config)) {
            double csv = copy(db, config, csv(rows, receivedAt), "csv", "CSV");
            byte[] binaryRows = binary(rows, receivedAt);
            double binary = best(() -> copy(db, config, binaryRows, "binary", "binary"));
            System.out.printf("postgres COPY into a fresh table: %s rows/s, the best of %d binary COPYs; CSV %s rows/s%n",
                    Main.rate(binary), BINARY_ATTEMPTS, Main.rate(csv));
            results.put("copy_rate", binary);
            results.put("copy_csv_rate", csv);
            double sameTable = intoServiceTable(db, config, receivedAt);
            System.out.printf("postgres COPY limit:  %s rows/s, the best of %d binary COPYs (the format metrics-service"
                    + " writes) into metrics.observations itself%n", Main.rate(sameTable), BINARY_ATTEMPTS);
            results.put("copy_same_table_rate", sameTable);
        }
        return results;
    }

    /**
     * Like for like, the limit the target is judged on: the same kind of rows (ids of their own, so none is stored
     * yet) copied in binary into metrics.observations itself, as full as it is, in a transaction rolled back
     * afterwards, so nothing stays but the dead rows a rollback leaves to VACUUM (N per attempt). The best of three.
     * A fresh table has an empty primary key, which a service writing into a table of millions of rows never has.
     */
    private static double intoServiceTable(Connection db, Config config, Instant receivedAt) throws Exception {
        List<Workload.Obs> rows = Workload.generate(config.systemKey(), config.runId() + "-c", config.seed("kafka"),
                config.n());
        byte[] bytes = binary(rows, receivedAt);
        return best(() -> intoServiceTableOnce(db, config, bytes));
    }

    /** One measurement of a rate, taken {@link #BINARY_ATTEMPTS} times. */
    private interface Rate {
        double measure() throws Exception;
    }

    private static double best(Rate rate) throws Exception {
        double best = 0;
        for (int attempt = 0; attempt < BINARY_ATTEMPTS; attempt++) {
            best = Math.max(best, rate.measure());
        }
        return best;
    }

    /** Nanoseconds one COPY of the bytes took (through whatever {@code finish} does after it); checks the row count. */
    private static long timedCopy(Connection db, Config config, String sql, byte[] bytes, Runnable finish)
            throws Exception {
        long start = System.nanoTime();
        long copied = db.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(bytes));
        finish.run();
        long elapsed = System.nanoTime() - start;
        Main.check(copied == config.n(), "COPY loaded " + copied + " rows, expected " + config.n());
        return elapsed;
    }

    private static double intoServiceTableOnce(Connection db, Config config, byte[] bytes) throws Exception {
        long stored;
        try (Statement st = db.createStatement()) {
            st.execute("checkpoint");
            // Every stored observation is counted once in the daily all-segments rollups (count(*) would scan).
            try (ResultSet rs = st.executeQuery("select coalesce(sum(count), 0) from metrics.rollups"
                    + " where step = 'P1D' and segment = ''")) {
                rs.next();
                stored = rs.getLong(1);
            }
        }
        db.setAutoCommit(false);
        try {
            long elapsed = timedCopy(db, config, "copy metrics.observations (" + COLUMNS + ") from stdin with (format binary)",
                    bytes, () -> rollback(db));
            double rate = config.n() / (elapsed / 1e9);
            System.out.printf("postgres COPY, binary  %,d rows copied into metrics.observations itself (%,d rows"
                    + " stored) in %s = %s rows/s (rolled back)%n", config.n(), stored, Main.seconds(elapsed), Main.rate(rate));
            return rate;
        } finally {
            db.rollback();
            db.setAutoCommit(true);
        }
    }

    /** One COPY of the bytes into a fresh scratch table; rows per second, commit included. */
    private static double copy(Connection db, Config config, byte[] bytes, String format, String label) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute("create schema if not exists bench");
            st.execute("drop table if exists " + TABLE);
            st.execute("create table " + TABLE + " (like metrics.observations including all)");
            st.execute("checkpoint"); // as before every ingestion measurement: start clean
        }
        try {
            long elapsed = timedCopy(db, config, "copy " + TABLE + " (" + COLUMNS + ") from stdin with (format " + format + ")",
                    bytes, () -> { }); // autocommit: the COPY's commit is inside copyIn
            double rate = config.n() / (elapsed / 1e9);
            System.out.printf("postgres COPY, %-6s  %,d rows (%,d bytes) copied in %s = %s rows/s"
                    + " (fresh table, same columns, primary key and index)%n", label, config.n(), bytes.length,
                    Main.seconds(elapsed), Main.rate(rate));
            return rate;
        } finally {
            dropScratch(db);
        }
    }

    /** The rows of the Kafka measurement (same run id and seed) in COPY's CSV format. */
    private static byte[] csv(List<Workload.Obs> rows, Instant receivedAt) {
        StringBuilder sb = new StringBuilder(rows.size() * 200);
        String received = receivedAt.toString();
        for (Workload.Obs o : rows) {
            o.appendCsv(sb, received);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same rows in COPY's binary format: signature, flags, header extension, tuples, trailer. */
    private static byte[] binary(List<Workload.Obs> rows, Instant receivedAt) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows.size() * 200);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 });
        out.writeInt(0);
        out.writeInt(0);
        long receivedMicros = Workload.Obs.pgMicros(receivedAt);
        for (Workload.Obs o : rows) {
            o.appendBinary(out, receivedMicros);
        }
        out.writeShort(-1);
        out.flush();
        return bytes.toByteArray();
    }

    private static void rollback(Connection db) {
        try {
            db.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("rollback after the COPY into metrics.observations failed", e);
        }
    }

    private static void dropScratch(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("drop table if exists " + TABLE);
            st.execute("drop schema if exists bench"); // restrict: never drops anything else put there
        }
    }
}
