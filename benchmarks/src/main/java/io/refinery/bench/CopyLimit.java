package io.refinery.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
 * PostgreSQL's COPY limit: the rows of the Kafka measurement loaded with one COPY into a fresh scratch table shaped
 * like metrics.observations (same columns, primary key and index), in schema bench, which is dropped afterwards.
 * Twice, each into a fresh table: in the binary format metrics-service writes (the limit) and as CSV (for
 * comparison; it was the service's format until 2026-11-25). The bytes are built in memory before the clock
 * starts; the time includes the commit.
 */
final class CopyLimit {

    static final String COLUMNS = "id, system_key, metric, value, numerator, denominator, observed_at, segment,"
            + " dimensions, received_at";
    private static final String TABLE = "bench.observations_copy";

    private CopyLimit() {
    }

    static Map<String, Double> run(Config config) throws Exception {
        List<Workload.Obs> rows = Workload.generate(config.systemKey(), config.runId() + "-k", config.seed("kafka"),
                config.n());
        Instant receivedAt = Instant.now();
        Map<String, Double> results = new LinkedHashMap<>();
        try (Connection db = Db.connect(config)) {
            double csv = copy(db, config, csv(rows, receivedAt), "csv", "CSV");
            double binary = copy(db, config, binary(rows, receivedAt), "binary", "binary");
            System.out.printf("postgres COPY limit:  %s rows/s, binary (the format metrics-service writes); CSV %s rows/s%n",
                    Main.rate(binary), Main.rate(csv));
            results.put("copy_rate", binary);
            results.put("copy_csv_rate", csv);
        }
        return results;
    }

    /** One COPY of the bytes into a fresh scratch table; rows per second, commit included. */
    private static double copy(Connection db, Config config, byte[] bytes, String format, String label) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute("create schema if not exists bench");
            st.execute("drop table if exists " + TABLE);
            st.execute("create table " + TABLE + " (like metrics.observations including all)");
        }
        try {
            long start = System.nanoTime();
            long copied = db.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy " + TABLE + " (" + COLUMNS + ") from stdin with (format " + format + ")",
                    new ByteArrayInputStream(bytes));
            long elapsed = System.nanoTime() - start;
            Main.check(copied == config.n(), "COPY loaded " + copied + " rows, expected " + config.n());
            double rate = copied / (elapsed / 1e9);
            System.out.printf("postgres COPY, %-6s  %,d rows (%,d bytes) copied in %s = %s rows/s"
                    + " (fresh table, same columns, primary key and index)%n", label, copied, bytes.length,
                    Main.seconds(elapsed), Main.rate(rate));
            return rate;
        } finally {
            dropScratch(db);
        }
    }

    /** The rows of the Kafka measurement (same run id and seed) in COPY's CSV format. */
    private static byte[] csv(List<Workload.Obs> rows, Instant receivedAt) {
        StringBuilder sb = new StringBuilder(rows.size() * 200);
        for (Workload.Obs o : rows) {
            o.appendCsv(sb, receivedAt.toString());
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

    private static void dropScratch(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("drop table if exists " + TABLE);
            st.execute("drop schema if exists bench"); // restrict: never drops anything else put there
        }
    }
}
