package io.refinery.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic but realistic observations of one AI system: unique ids (run prefix + counter), 20 metrics, a few
 * segments, observedAt spread over the last {@code bench.spread} (ISO-8601 duration, default PT10M: a live stream;
 * P2D gives a backfill that touches thousands of rollup rows per batch), values in [0,1], about a third given as
 * numerator/denominator. The same (prefix, seed) always gives the same rows, so the COPY limit loads exactly the
 * rows that went through Kafka. Items are kept compact: a full batch of 10,000 must stay under metrics-service's
 * 2 MiB body limit.
 */
final class Workload {

    static final String[] METRICS = { "ctr", "conversion_rate", "add_to_cart_rate", "precision_at_10",
            "recall_at_10", "ndcg_at_10", "hit_rate", "mrr", "coverage", "novelty", "diversity", "serendipity",
            "bounce_rate", "fallback_rate", "cold_start_share", "error_rate", "timeout_rate", "cache_hit_rate",
            "revenue_share", "personalization_score" };
    static final String[] SEGMENTS = { "new-customers", "returning", "vip", "mobile" };
    private static final Instant PG_EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    private static final long SPREAD_S = java.time.Duration.parse(System.getProperty("bench.spread", "PT10M")).getSeconds();

    /** One row of metrics.observations (received_at aside). */
    record Obs(String id, String systemKey, String metric, double value, Long numerator, Long denominator,
            Instant observedAt, String segment, String variant) {

        /** The item as the HTTP body and the Kafka record carry it; value is left out when it is a ratio. */
        void appendJson(StringBuilder sb) {
            sb.append("{\"id\":\"").append(id).append("\",\"systemKey\":\"").append(systemKey)
                    .append("\",\"metric\":\"").append(metric).append('"');
            if (numerator != null) {
                sb.append(",\"numerator\":").append(numerator).append(",\"denominator\":").append(denominator);
            } else {
                sb.append(",\"value\":").append(value);
            }
            sb.append(",\"observedAt\":\"").append(observedAt).append('"');
            if (segment != null) {
                sb.append(",\"dimensions\":").append(dimensionsJson());
            }
            sb.append('}');
        }

        String json() {
            StringBuilder sb = new StringBuilder(200);
            appendJson(sb);
            return sb.toString();
        }

        /** As metrics-service stores it (Jackson's compact form). */
        String dimensionsJson() {
            return segment == null ? null : "{\"segment\":\"" + segment + "\",\"variant\":\"" + variant + "\"}";
        }

        /**
         * One tuple of PostgreSQL's binary COPY format in the column order of {@link CopyLimit#COLUMNS}: a field
         * count, then each field as its length (-1 for NULL) and bytes; timestamps in microseconds since 2000,
         * jsonb as its version byte and the text.
         */
        void appendBinary(java.io.DataOutputStream out, long receivedAtMicros) throws java.io.IOException {
            out.writeShort(10);
            binaryText(out, id);
            binaryText(out, systemKey);
            binaryText(out, metric);
            out.writeInt(8);
            out.writeDouble(value);
            for (Long part : new Long[] { numerator, denominator }) {
                if (part == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(8);
                    out.writeDouble(part);
                }
            }
            out.writeInt(8);
            out.writeLong(pgMicros(observedAt));
            if (segment == null) {
                out.writeInt(-1);
                out.writeInt(-1);
            } else {
                binaryText(out, segment);
                byte[] json = dimensionsJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(json.length + 1);
                out.writeByte(1);
                out.write(json);
            }
            out.writeInt(8);
            out.writeLong(receivedAtMicros);
        }

        private static void binaryText(java.io.DataOutputStream out, String s) throws java.io.IOException {
            byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }

        /** PostgreSQL's binary timestamptz: microseconds since 2000-01-01T00:00:00Z. */
        static long pgMicros(Instant at) {
            return java.time.temporal.ChronoUnit.MICROS.between(PG_EPOCH, at);
        }

        /** One CSV line in the column order of {@link CopyLimit#COLUMNS}; an empty unquoted field is NULL. */
        void appendCsv(StringBuilder sb, String receivedAt) {
            sb.append(id).append(',').append(systemKey).append(',').append(metric).append(',').append(value).append(',');
            if (numerator != null) {
                sb.append(numerator).append(',').append(denominator);
            } else {
                sb.append(',');
            }
            sb.append(',').append(observedAt).append(',');
            if (segment != null) {
                sb.append(segment).append(",\"").append(dimensionsJson().replace("\"", "\"\"")).append('"');
            } else {
                sb.append(',');
            }
            sb.append(',').append(receivedAt).append('\n');
        }
    }

    private Workload() {
    }

    /** n observations with ids {@code <idPrefix>-<counter>}, observedAt within {@code bench.spread} before now. */
    static List<Obs> generate(String systemKey, String idPrefix, long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Obs> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String metric = METRICS[random.nextInt(METRICS.length)];
            Instant observedAt = now.minusSeconds(random.nextLong(SPREAD_S));
            double value = Math.round(random.nextDouble() * 10_000) / 10_000.0;
            Long numerator = null;
            Long denominator = null;
            if (random.nextInt(3) == 0) {
                denominator = 100L + random.nextInt(9_901);
                numerator = Math.round(value * denominator);
                value = numerator / (double) denominator;
            }
            String segment = null;
            String variant = null;
            if (random.nextInt(5) != 0) {
                segment = SEGMENTS[random.nextInt(SEGMENTS.length)];
                variant = random.nextBoolean() ? "A" : "B";
            }
            rows.add(new Obs(String.format("%s-%08d", idPrefix, i), systemKey, metric, value, numerator, denominator,
                    observedAt, segment, variant));
        }
        return rows;
    }
}
