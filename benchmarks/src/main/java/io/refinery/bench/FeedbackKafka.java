package io.refinery.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * feedback-service over Kafka (FeedbackBench's {@code kafka} mode): each round produces its items to
 * refinery.feedback.submissions, one item JSON per record keyed by the systemKey (what the submissions consumer reads,
 * as POST /api/v1/feedback would get them), then counts them committed in feedback.feedback_items. All items of a
 * round share one occurredAt, distinct per round, so the count reads a range of the (system_key, occurred_at) index
 * and never this round's neighbours.
 */
final class FeedbackKafka {

    static final String TOPIC = "refinery.feedback.submissions";
    private static final long POLL_MS = 100;
    private static final long STALL_NS = 60_000_000_000L;

    private FeedbackKafka() {
    }

    static void run(String bootstrap, String jdbcUrl, String system, int n, int warmup) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, System.getProperty("bench.db.user", "postgres"),
                System.getProperty("bench.db.password", ""))) {
            String runId = "fk" + Long.toString(System.currentTimeMillis(), 36);
            if (warmup > 0) {
                round(bootstrap, db, system, runId + "w", warmup, "warm-up: ");
            }
            double rate = round(bootstrap, db, system, runId, n, "");
            FeedbackBench.result("feedback_kafka_rate", rate);
        }
    }

    private static double round(String bootstrap, Connection db, String system, String runId, int n, String prefix)
            throws Exception {
        // One occurredAt per round, an hour back (as the http mode), with a millisecond of its own.
        Instant at = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        List<String> texts = FeedbackBench.texts(n, runId.hashCode());
        Random r = new Random(runId.hashCode() * 31L);
        List<byte[]> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(FeedbackBench.item(new StringBuilder(240), system, texts.get(i), at.toString(), r).toString()
                    .getBytes(StandardCharsets.UTF_8));
        }
        long before = stored(db, system, at);
        Main.check(before == 0, before + " items of " + system + " already stored at " + at + "; run again");
        Config config = Config.parse(new String[] { "--bootstrap", bootstrap, "--topic", TOPIC, "--system", system,
                "--run-id", runId, "--n", Integer.toString(n) }, 0);
        long[] window = KafkaToPostgres.produce(config, values);
        double produceRate = n / ((window[1] - window[0]) / 1e9);
        long done = waitUntilStored(db, system, at, n);
        double rate = n / ((done - window[0]) / 1e9);
        System.out.printf("%skafka: %,d items produced in %s (%s records/s, acks=all), all stored in %s = %s items/s"
                + " (first send to last item committed)%n", prefix, n, Main.seconds(window[1] - window[0]),
                Main.rate(produceRate), Main.seconds(done - window[0]), Main.rate(rate));
        return rate;
    }

    private static long stored(Connection db, String system, Instant at) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("select count(*) from feedback.feedback_items"
                + " where system_key = ? and occurred_at = ?")) {
            q.setString(1, system);
            q.setObject(2, at.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long waitUntilStored(Connection db, String system, Instant at, long expected) throws Exception {
        long last = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            long seen = stored(db, system, at);
            long now = System.nanoTime(); // after the read: the items were committed before this
            if (seen >= expected) {
                Main.check(seen == expected, "stored " + seen + " items, expected exactly " + expected);
                return now;
            }
            if (seen != last) {
                last = seen;
                lastProgress = now;
            } else if (now - lastProgress > STALL_NS) {
                throw new IOException("no progress for 60 s: " + (expected - seen) + " items missing; see feedback-service's"
                        + " log and topic " + TOPIC + ".dlq");
            }
            Thread.sleep(POLL_MS);
        }
    }
}
