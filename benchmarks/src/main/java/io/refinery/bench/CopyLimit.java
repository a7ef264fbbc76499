package io.refinery.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;

/**
 * PostgreSQL's COPY limit: the rows of the Kafka measurement, as CSV, loaded with one COPY into a fresh scratch
 * table shaped like metrics.observations (same columns, primary key and index), in schema bench, which is
 * dropped afterwards. The CSV is built in memory before the clock starts; the time includes the commit.
 */
final class CopyLimit {

    static final String COLUMNS = "id, system_key, metric, value, numerator, denominator, observed_at, segment,"
            + " dimensions, received_at";
    private static final String TABLE = "bench.observations_copy";

    private CopyLimit() {
    }

    static Map<String, Double> run(Config config) throws Exception {
        byte[] csv = csv(config);
        try (Connection db = Db.connect(config)) {
            try (Statement st = db.createStatement()) {
                st.execute("create schema if not exists bench");
                st.execute("drop table if exists " + TABLE);
                st.execute("create table " + TABLE + " (like metrics.observations including all)");
            }
            try {
                long start = System.nanoTime();
                long copied = db.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "copy " + TABLE + " (" + COLUMNS + ") from stdin with (format csv)",
                        new ByteArrayInputStream(csv));
                long elapsed = System.nanoTime() - start;
                Main.check(copied == config.n(), "COPY loaded " + copied + " rows, expected " + config.n());
                double rate = copied / (elapsed / 1e9);
                System.out.printf("postgres COPY limit:  %,d rows (%,d bytes of CSV) copied in %s = %s rows/s"
                        + " (fresh table, same columns, primary key and index)%n", copied, csv.length,
                        Main.seconds(elapsed), Main.rate(rate));
                Map<String, Double> results = new LinkedHashMap<>();
                results.put("copy_rate", rate);
                return results;
            } finally {
                dropScratch(db);
            }
        }
    }

    /** The rows of the Kafka measurement (same run id and seed) in COPY's CSV format. */
    private static byte[] csv(Config config) {
        List<Workload.Obs> rows = Workload.generate(config.systemKey(), config.runId() + "-k", config.seed("kafka"),
                config.n());
        String receivedAt = Instant.now().toString();
        StringBuilder sb = new StringBuilder(rows.size() * 200);
        for (Workload.Obs o : rows) {
            o.appendCsv(sb, receivedAt);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void dropScratch(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("drop table if exists " + TABLE);
            st.execute("drop schema if exists bench"); // restrict: never drops anything else put there
        }
    }
}
