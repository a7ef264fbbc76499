package io.refinery.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Samples pg_stat_activity (read-only) while a phase runs, to tell what the database sessions of the benchmarked
 * database were doing: running a statement, waiting for a lock (which one), or idle inside a transaction, i.e.
 * waiting for the service. Idle sessions outside a transaction (the pools' spare connections) are not counted.
 */
final class DbSessions implements AutoCloseable {

    private static final String QUERY = "select state, coalesce(wait_event_type || ':' || wait_event, 'running')"
            + " from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
            + " and backend_type = 'client backend' and state <> 'idle'";

    private final Connection db;
    private final Map<String, Integer> counts = new TreeMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int samples;

    /** Starts sampling every {@code periodMs} on {@code db}, which nothing else may use until {@link #close()}. */
    DbSessions(Connection db, long periodMs) {
        this.db = db;
        this.thread = new Thread(() -> loop(periodMs), "db-sessions");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(long periodMs) {
        try (PreparedStatement q = db.prepareStatement(QUERY)) {
            while (running) {
                try (ResultSet rs = q.executeQuery()) {
                    synchronized (counts) {
                        while (rs.next()) {
                            String state = rs.getString(1);
                            String what = state.equals("active") ? rs.getString(2) : state + " (" + rs.getString(2) + ")";
                            counts.merge(what, 1, Integer::sum);
                        }
                        samples++;
                    }
                }
                Thread.sleep(periodMs);
            }
        } catch (Exception e) {
            synchronized (counts) {
                counts.put("sampling failed: " + e, 0);
            }
        }
    }

    /** Stops and describes the mean number of sessions in each state, busiest first. */
    String summary() throws InterruptedException {
        close();
        synchronized (counts) {
            if (samples == 0) {
                return "no sample";
            }
            double total = counts.values().stream().mapToInt(Integer::intValue).sum() / (double) samples;
            return String.format(Locale.ROOT, "%.2f non-idle sessions on average over %d samples: ", total, samples)
                    + counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                            .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / (double) samples))
                            .collect(Collectors.joining(", "));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
