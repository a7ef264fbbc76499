package io.refinery.bench;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka → PostgreSQL on a backlog, the way the consume limit is measured: ingestion from Kafka is paused with the
 * operators' switch ({@code PUT /api/v1/ingestion/kafka}), N records are produced, ingestion is resumed and the
 * drain is timed from the first batch committed after the resume to the last one. No load generator competes
 * for the cores meanwhile, and the service is warm.
 */
final class KafkaBacklog {

    private static final long POLL_MS = 20;
    private static final long STALL_NS = 120_000_000_000L;

    private KafkaBacklog() {
    }

    static Map<String, Double> run(Config config) throws Exception {
        List<byte[]> values = KafkaToPostgres.records(config, "backlog");
        try (Connection db = Db.connect(config)) {
            long base = Db.countFromRollups(db, config.systemKey());
            IngestionSwitch.set(config, true);
            long[] window = KafkaToPostgres.produce(config, values);
            System.out.printf("kafka backlog:        %,d records produced while ingestion from Kafka was paused (%s records/s)%n",
                    config.n(), Main.rate(config.n() / ((window[1] - window[0]) / 1e9)));
            long atResume = stableCount(db, config.systemKey());
            IngestionSwitch.set(config, false);
            return drain(db, config, base + config.n(), atResume);
        } finally {
            IngestionSwitch.set(config, false);
        }
    }

    /** The stored count once a batch that was in flight when the pause came has committed. */
    private static long stableCount(Connection db, String systemKey) throws Exception {
        long previous = -1;
        while (true) {
            long now = Db.countFromRollups(db, systemKey);
            if (now == previous) {
                return now;
            }
            previous = now;
            Thread.sleep(1_500);
        }
    }

    private static Map<String, Double> drain(Connection db, Config config, long expected, long base) throws Exception {
        long resumed = System.nanoTime();
        long firstAt = 0;
        long firstCount = base;
        long lastProgress = resumed;
        long last = base;
        while (true) {
            long stored = Db.countFromRollups(db, config.systemKey());
            long now = System.nanoTime();
            if (stored > base && firstAt == 0) {
                firstAt = now;
                firstCount = stored;
            }
            if (stored >= expected) {
                Main.check(stored == expected, "stored " + stored + " observations, expected exactly " + expected);
                long drained = stored - firstCount;
                double rate = drained / ((now - firstAt) / 1e9);
                // The clock starts when the first batch is seen committed, so that batch's observations are not
                // counted: the rate is the rest over the time they took (N minus the first batch, not N).
                System.out.printf("kafka backlog drain:  %,d observations stored in %s = %s obs/s (timed from the first"
                        + " batch committed after the resume, %s after it, to the last; the first batch's %,d are not"
                        + " counted)%n", drained, Main.seconds(now - firstAt), Main.rate(rate),
                        Main.seconds(firstAt - resumed), firstCount - base);
                Map<String, Double> results = new LinkedHashMap<>();
                results.put("kafka_backlog_rate", rate);
                return results;
            }
            if (stored != last) {
                last = stored;
                lastProgress = now;
            } else if (now - lastProgress > STALL_NS) {
                throw new java.io.IOException("no progress for 120 s: " + (expected - stored) + " observations missing");
            }
            Thread.sleep(POLL_MS);
        }
    }
}
