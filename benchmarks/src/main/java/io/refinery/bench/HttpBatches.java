package io.refinery.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP: N observations in batches of 10,000, POSTed to /api/v1/observations by a few concurrent clients. Every
 * answer must be 202 with accepted equal to the batch size. Bodies are built before the clock starts.
 */
final class HttpBatches {

    static final int BATCH = 10_000;
    /** metrics-service's quarkus.http.limits.max-body-size. */
    static final int MAX_BODY = 2 * 1024 * 1024;
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    private static final Pattern DUPLICATES = Pattern.compile("\"duplicates\"\\s*:\\s*(\\d+)");

    private HttpBatches() {
    }

    static Map<String, Double> run(Config config) throws Exception {
        Main.check(config.token() != null, "--token (an ingest token) is required");
        List<Workload.Obs> rows = Workload.generate(config.systemKey(), config.runId() + "-h", config.seed("http"),
                config.n());
        List<byte[]> bodies = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long bytes = 0;
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Workload.Obs> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            StringBuilder sb = new StringBuilder(batch.size() * 180).append('[');
            for (int i = 0; i < batch.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                batch.get(i).appendJson(sb);
            }
            byte[] body = sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
            Main.check(body.length <= MAX_BODY, "a batch body has " + body.length + " bytes, over the 2 MiB limit");
            bodies.add(body);
            sizes.add(batch.size());
            bytes += body.length;
        }
        System.out.printf("http: %,d observations in %d batches (%,d bytes per batch on average), %d clients%n",
                config.n(), bodies.size(), bytes / bodies.size(), config.clients());

        try (Connection db = Db.connect(config)) {
            long before = Db.countFromRollups(db, config.systemKey());
            URI uri = URI.create(config.metricsUrl() + "/api/v1/observations");
            Main.settle();
            long cpu = Main.cpuNanos();
            long start = System.nanoTime();
            int total = postAll(uri, config.token(), config.clients(), bodies, sizes,
                    (i, response) -> checkAnswer(i, sizes.get(i), response));
            long elapsed = System.nanoTime() - start;
            cpu = Main.cpuNanos() - cpu;
            long stored = Db.countFromRollups(db, config.systemKey()) - before;
            Main.check(total == config.n() && stored == config.n(),
                    "sent " + total + ", stored " + stored + ", expected " + config.n());
            double rate = config.n() / (elapsed / 1e9);
            System.out.printf("http batches:         %,d observations stored in %s = %s obs/s"
                    + " (%d clients, batches of %,d, every answer 202; %s)%n", config.n(), Main.seconds(elapsed),
                    Main.rate(rate), config.clients(), BATCH, Main.generatorCpu(cpu, elapsed));
            Map<String, Double> results = new LinkedHashMap<>();
            results.put("http_ingest_rate", rate);
            results.put("http_ingest_seconds", elapsed / 1e9);
            return results;
        }
    }

    /** Checks the answer to batch {@code index}; throws when it is not what was expected. */
    interface AnswerCheck {
        void check(int index, PlainHttp.Answer answer) throws Exception;
    }

    /**
     * POSTs every body to {@code uri} from {@code clients} concurrent keep-alive HTTP/1.1 connections, each taking the
     * next unsent batch, checks each answer and returns the number of items sent ({@code sizes} per body).
     */
    static int postAll(URI uri, String token, int clients, List<byte[]> bodies, List<Integer> sizes, AnswerCheck check)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Integer>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                int sent = 0;
                try (PlainHttp http = new PlainHttp(uri)) {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        check.check(i, http.post(token, bodies.get(i)));
                        sent += sizes.get(i);
                    }
                }
                return sent;
            }));
        }
        int total = 0;
        try {
            for (Future<Integer> client : running) {
                total += client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return total;
    }

    private static void checkAnswer(int batch, int size, PlainHttp.Answer response) throws Exception {
        String body = response.body();
        Matcher accepted = ACCEPTED.matcher(body);
        Matcher duplicates = DUPLICATES.matcher(body);
        boolean ok = response.status() == 202 && accepted.find() && Integer.parseInt(accepted.group(1)) == size
                && duplicates.find() && Integer.parseInt(duplicates.group(1)) == 0;
        Main.check(ok, "batch " + batch + ": HTTP " + response.status() + ", expected 202 with accepted=" + size
                + ": " + body.substring(0, Math.min(body.length(), 500)));
    }
}
