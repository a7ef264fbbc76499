package io.refinery.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.refinery.feedback.text.FeedbackAnalyzer;

/**
 * feedback-service throughput (not a test). Two modes:
 * <ul>
 * <li>{@code analyse N THREADS}: the in-process analysis pipeline (PII redaction, sentiment, themes) on N generated
 * items, after a warm-up; prints items/s.</li>
 * <li>{@code http URL TOKEN SYSTEM N CLIENTS}: N items POSTed to {@code URL/api/v1/feedback} in batches of 1,000
 * by CLIENTS concurrent clients (analysed and stored by the service); every answer must be 202 with all
 * accepted. Prints items/s.</li>
 * <li>{@code kafka BOOTSTRAP JDBC_URL SYSTEM N WARMUP}: a warm-up round of WARMUP items, then N items, each produced
 * as one record to refinery.feedback.submissions (the same item JSON as over HTTP, keyed by the systemKey, no
 * headers; acks=all) while feedback-service consumes them in batches; items/s from the first send until all N are
 * committed in feedback.feedback_items, counted by SQL (read-only: each round's items share one occurredAt, so the
 * count is a range of the (system_key, occurred_at) index). Prints items/s.</li>
 * </ul>
 * With {@code -Dbench.results=FILE} the http and kafka modes also append their rate to FILE as a shell assignment
 * ({@code feedback_http_rate=...}, {@code feedback_kafka_rate=...}); {@code -Dbench.db.user} (postgres) and
 * {@code -Dbench.db.password} (empty) are the database login of the kafka mode.
 */
public final class FeedbackBench {

    private static final String[] OPENERS = { "The bot", "Your assistant", "Support", "The recommendations", "Search",
            "Delivery", "The app", "Checkout" };
    private static final String[] MIDDLES = { "was really helpful and quick", "kept suggesting things I already bought",
            "went round in circles and I could not talk to a human", "gave me wrong information about my refund",
            "was not bad at all", "is slow and crashes often", "was spot on, exactly what I wanted",
            "never arrived and nobody replies", "was fine", "charged twice, not happy" };
    private static final String[] TAILS = { "", " Call me on +44 20 7946 0958.", " Mail me at jo.bench@example.com",
            " Card 4111 1111 1111 1111 was used.", " Order #123456 on 2026-11-20.", " Thanks!",
            " IBAN GB82 WEST 1234 5698 7654 32 for the refund." };
    private static final String[] CHANNELS = { "SUPPORT_REVIEW", "SURVEY", "SOCIAL", "OTHER" };
    private static final String[] SEGMENTS = { "new", "returning", "vip" };
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    private FeedbackBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("analyse")) {
            analyse(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } else if (args.length >= 6 && args[0].equals("http")) {
            http(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        } else if (args.length >= 6 && args[0].equals("kafka")) {
            FeedbackKafka.run(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        } else {
            System.err.println("usage: analyse N THREADS | http URL TOKEN SYSTEM N CLIENTS | kafka BOOTSTRAP JDBC_URL SYSTEM N WARMUP");
            System.exit(2);
        }
    }

    static List<String> texts(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(OPENERS[r.nextInt(OPENERS.length)] + " " + MIDDLES[r.nextInt(MIDDLES.length)] + "."
                    + TAILS[r.nextInt(TAILS.length)]);
        }
        return out;
    }

    static void analyse(int n, int threads) throws Exception {
        FeedbackAnalyzer analyzer = FeedbackAnalyzer.defaults();
        List<String> texts = texts(n, 42);
        for (String t : texts(20_000, 7)) {
            analyzer.analyze("CHATBOT", t);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<Integer>> parts = new ArrayList<>();
        int per = (n + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            List<String> slice = texts.subList(Math.min(n, t * per), Math.min(n, (t + 1) * per));
            parts.add(pool.submit(() -> {
                int negatives = 0;
                for (String s : slice) {
                    if (analyzer.analyze("CHATBOT", s).sentiment().score() < 0) {
                        negatives++;
                    }
                }
                return negatives;
            }));
        }
        int negatives = 0;
        for (Future<Integer> f : parts) {
            negatives += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("analyse: %,d items on %d threads in %.2f s = %,.0f items/s (%d negative)%n", n, threads, seconds,
                n / seconds, negatives);
    }

    static void http(String url, String token, String system, int n, int clients) throws Exception {
        List<String> texts = texts(n, 11);
        Random r = new Random(5);
        List<byte[]> bodies = new ArrayList<>();
        String at = Instant.now().minus(Duration.ofHours(1)).toString();
        for (int from = 0; from < n; from += 1000) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = from; i < Math.min(n, from + 1000); i++) {
                if (i > from) {
                    sb.append(',');
                }
                item(sb, system, texts.get(i), at, r);
            }
            bodies.add(sb.append(']').toString().getBytes(StandardCharsets.UTF_8));
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<Integer>> sent = new ArrayList<>();
        for (byte[] body : bodies) {
            sent.add(pool.submit(() -> {
                HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/feedback"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = ACCEPTED.matcher(res.body());
                if (res.statusCode() != 202 || !m.find()) {
                    throw new IllegalStateException("HTTP " + res.statusCode() + ": " + res.body());
                }
                return Integer.parseInt(m.group(1));
            }));
        }
        int accepted = 0;
        for (Future<Integer> f : sent) {
            accepted += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("http: %,d items (%,d accepted) in %d batches of 1,000, %d clients, %.2f s = %,.0f items/s%n", n,
                accepted, bodies.size(), clients, seconds, accepted / seconds);
        if (accepted != n) {
            throw new IllegalStateException("expected " + n + " accepted, got " + accepted);
        }
        result("feedback_http_rate", accepted / seconds);
    }

    /** Appends {@code name=value} to the file named by -Dbench.results, if any. */
    static void result(String name, double value) throws IOException {
        String file = System.getProperty("bench.results");
        if (file != null) {
            Files.writeString(Path.of(file), name + "=" + String.format(Locale.ROOT, "%.1f", value) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** One item as JSON, the shape of POST /api/v1/feedback and of a record on refinery.feedback.submissions. */
    static StringBuilder item(StringBuilder sb, String system, String text, String occurredAt, Random r) {
        return sb.append("{\"id\":\"").append(UUID.randomUUID()).append("\",\"systemKey\":\"").append(system)
                .append("\",\"channel\":\"").append(CHANNELS[r.nextInt(CHANNELS.length)])
                .append("\",\"customerSegment\":\"").append(SEGMENTS[r.nextInt(SEGMENTS.length)])
                .append("\",\"text\":\"").append(text).append("\",\"occurredAt\":\"").append(occurredAt)
                .append("\",\"source\":{\"platform\":\"bench\"}}");
    }
}
