package io.refinery.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Drift samples ingested by metrics-service, over Kafka (refinery.metrics.samples, produced as fast as the broker
 * takes them) and over HTTP (POST /api/v1/drift/samples in batches of 1,000 by a few clients). Each sample has three
 * numerical and two categorical features, a prediction and an outcome, so every one also feeds the system's
 * concept-drift detector. The rate runs from the first send until the last sample is committed, read from the
 * per-day feature rows that the service writes in the same transaction as its sample ledger.
 */
final class DriftSamples {

    static final int HTTP_BATCH = 1_000;
    private static final String[] DEVICES = { "mobile", "desktop", "tablet" };
    private static final String[] CHANNELS = { "search", "email", "social", "direct", "affiliate" };
    private static final long POLL_MS = 50;
    private static final long STALL_NS = 60_000_000_000L;

    private DriftSamples() {
    }

    /** N samples of the run, JSON, built before any clock starts. observedAt spreads over the last 10 minutes. */
    static List<String> generate(Config config, String kind) {
        Random random = new Random(config.seed("samples-" + kind));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> items = new ArrayList<>(config.n());
        for (int i = 0; i < config.n(); i++) {
            int prediction = random.nextDouble() < 0.3 ? 1 : 0;
            int outcome = random.nextDouble() < 0.85 ? prediction : 1 - prediction;
            items.add(String.format(Locale.ROOT, "{\"id\":\"%s-%s%d\",\"systemKey\":\"%s\",\"observedAt\":\"%s\","
                    + "\"features\":{\"price\":%.2f,\"basket\":%.2f,\"discount\":%.3f,\"device\":\"%s\",\"channel\":\"%s\"},"
                    + "\"prediction\":%d,\"outcome\":%d}",
                    config.runId(), kind.charAt(0), i, config.systemKey(),
                    now.minusMillis(random.nextInt(600_000)), 50 + 12 * random.nextGaussian(),
                    3 + random.nextGaussian(), random.nextDouble() * 0.3, DEVICES[random.nextInt(DEVICES.length)],
                    CHANNELS[random.nextInt(CHANNELS.length)], prediction, outcome));
        }
        return items;
    }

    static Map<String, Double> kafka(Config config) throws Exception {
        List<String> items = generate(config, "kafka");
        List<byte[]> values = new ArrayList<>(items.size());
        items.forEach(item -> values.add(item.getBytes(StandardCharsets.UTF_8)));
        try (Connection db = Db.connect(config)) {
            long base = committed(db, config.systemKey());
            long[] window = KafkaToPostgres.produce(config, values);
            System.out.printf("samples kafka produce: %,d records acknowledged in %s = %s records/s%n", config.n(),
                    Main.seconds(window[1] - window[0]), Main.rate(config.n() / ((window[1] - window[0]) / 1e9)));
            long done = waitUntilCommitted(db, config.systemKey(), base + config.n());
            double rate = config.n() / ((done - window[0]) / 1e9);
            System.out.printf("samples kafka->postgres: %,d samples committed in %s = %s samples/s"
                    + " (first send to last commit)%n", config.n(), Main.seconds(done - window[0]), Main.rate(rate));
            return Map.of("samples_kafka_rate", rate);
        }
    }

    static Map<String, Double> http(Config config) throws Exception {
        Main.check(config.token() != null, "--token (an ingest token) is required");
        List<String> items = generate(config, "http");
        List<byte[]> bodies = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int from = 0; from < items.size(); from += HTTP_BATCH) {
            List<String> batch = items.subList(from, Math.min(items.size(), from + HTTP_BATCH));
            bodies.add(("[" + String.join(",", batch) + "]").getBytes(StandardCharsets.UTF_8));
            sizes.add(batch.size());
        }
        try (Connection db = Db.connect(config)) {
            long base = committed(db, config.systemKey());
            URI uri = URI.create(config.metricsUrl() + "/api/v1/drift/samples");
            long start = System.nanoTime();
            int total = HttpBatches.postAll(uri, config.token(), config.clients(), bodies, sizes, (i, response) ->
                    Main.check(response.status() == 202 && response.body().contains("\"accepted\":" + sizes.get(i)),
                            "batch " + i + ": HTTP " + response.status() + ", expected 202 with accepted="
                                    + sizes.get(i) + ": " + response.body().substring(0, Math.min(500, response.body().length()))));
            long elapsed = System.nanoTime() - start;
            long stored = committed(db, config.systemKey()) - base;
            Main.check(total == config.n() && stored == config.n(),
                    "sent " + total + ", committed " + stored + ", expected " + config.n());
            double rate = config.n() / (elapsed / 1e9);
            System.out.printf("samples http:          %,d samples committed in %s = %s samples/s (%d clients,"
                    + " batches of %,d, every answer 202)%n", config.n(), Main.seconds(elapsed), Main.rate(rate),
                    config.clients(), HTTP_BATCH);
            return Map.of("samples_http_rate", rate);
        }
    }

    /** Samples of the system committed so far: the 'price' feature counts each sample once, per UTC day. */
    static long committed(Connection db, String systemKey) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("select coalesce(sum(seen), 0) from metrics.drift_feature_days"
                + " where system_key = ? and feature = 'price'")) {
            q.setString(1, systemKey);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long waitUntilCommitted(Connection db, String systemKey, long expected) throws Exception {
        long last = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            long seen = committed(db, systemKey);
            long now = System.nanoTime();
            if (seen >= expected) {
                Main.check(seen == expected, "committed " + seen + " samples, expected exactly " + expected);
                return now;
            }
            if (seen != last) {
                last = seen;
                lastProgress = now;
            } else if (now - lastProgress > STALL_NS) {
                throw new java.io.IOException("no progress for 60 s: " + (expected - seen) + " samples missing;"
                        + " see .refinery/logs/metrics.log and topic refinery.metrics.samples.dlq");
            }
            Thread.sleep(POLL_MS);
        }
    }
}
