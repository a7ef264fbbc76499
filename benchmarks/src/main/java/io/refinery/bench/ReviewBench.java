package io.refinery.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * oversight-service, review decisions end to end (not a test). A round of N reviews:
 * <ol>
 * <li>submissions: N requests POSTed to /api/v1/reviews (role ingest) by CLIENTS concurrent clients, one request per
 * call; each must be 201, PENDING, REVIEW_AND_APPROVAL with one approval (the system's risk profile is MEDIUM at most
 * and it has no policy);</li>
 * <li>decisions: each decided by POST /api/v1/reviews/{id}/decision by a reviewer who is not the submitter, by
 * CLIENTS concurrent clients; 8 in 10 APPROVE, 1 in 10 REJECT, 1 in 10 MODIFY (so the track stays below the
 * relaxation bar and no OVERSIGHT_RELAXATION review is opened); each answer must be 200 with the decided state;</li>
 * <li>end to end: a Kafka consumer in this process reads refinery.oversight.decisions from before the first decision;
 * the round ends when every decided review's io.refinery.oversight.decision.made.v1 has been read. Each must arrive
 * exactly once with the outcome decided (checked after a further second of reading), or the run fails.</li>
 * </ol>
 * Then the audit log is read (read-only SQL): every review of the round has exactly one REVIEW_SUBMITTED and one
 * REVIEW_DECIDED entry, and GET /api/v1/audit/verify must say the chain is OK. A warm-up round of WARMUP reviews runs
 * first the same way; its numbers are printed, not kept.
 *
 * <pre>
 *   ReviewBench --n 2000 --warmup 1000 --clients 4 --run-id R --ingest-token T --reviewer-token T [--system S]
 *       [--action-type PRICE_CHANGE] [--oversight-url http://127.0.0.1:8084] [--bootstrap 127.0.0.1:9092]
 *       [--jdbc-url jdbc:postgresql://127.0.0.1:5432/refinery] [--db-user postgres] [--results FILE]
 * </pre>
 */
public final class ReviewBench {

    private static final String TOPIC = "refinery.oversight.decisions";
    private static final long STALL_NS = 60_000_000_000L;

    private final Map<String, String> o;
    private final String url;
    private final String system;
    private final String actionType;
    private final int clients;

    private ReviewBench(Map<String, String> options) {
        this.o = options;
        this.url = options.getOrDefault("oversight-url", "http://127.0.0.1:8084");
        this.system = options.getOrDefault("system", "bench-oversight");
        this.actionType = options.getOrDefault("action-type", "PRICE_CHANGE");
        this.clients = Integer.parseInt(options.getOrDefault("clients", "4"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Config.options(args, 0);
        Main.check(options.containsKey("ingest-token") && options.containsKey("reviewer-token"),
                "--ingest-token and --reviewer-token are required (two different subjects)");
        new ReviewBench(options).run();
    }

    private void run() throws Exception {
        int n = Integer.parseInt(o.getOrDefault("n", "2000"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "1000"));
        String runId = o.getOrDefault("run-id", "bench");
        try (DecisionWatcher watcher = new DecisionWatcher(o.getOrDefault("bootstrap", "127.0.0.1:9092"), TOPIC,
                "bench-" + runId); Connection db = DriverManager.getConnection(
                        o.getOrDefault("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/refinery"),
                        o.getOrDefault("db-user", "postgres"), o.getOrDefault("db-password", ""))) {
            watcher.start();
            System.out.printf("track before the run: %,d decided reviews of %s / %s%n", decidedInTrack(db), system,
                    actionType);
            if (warmup > 0) {
                round("warm-up", warmup, runId + "w", watcher, db);
            }
            Map<String, Double> results = round("measured", n, runId, watcher, db);
            long start = System.nanoTime();
            String verdict = verifyChain();
            System.out.printf("audit chain: %s (GET /api/v1/audit/verify took %s)%n", verdict, Main.seconds(System.nanoTime() - start));
            Main.check(verdict.contains("\"status\":\"OK\""), "the audit chain is not OK: " + verdict);
            System.out.printf("decision events of other reviews seen meanwhile: %d, unreadable records: %d%n",
                    watcher.others(), watcher.unreadable());
            write(results);
        }
    }

    /** One round: submit, decide, wait for every event, check the audit log. Returns its numbers. */
    private Map<String, Double> round(String name, int n, String runId, DecisionWatcher watcher, Connection db)
            throws Exception {
        Random random = new Random(runId.hashCode());
        List<String> ids = new ArrayList<>(n);
        List<byte[]> submissions = new ArrayList<>(n);
        List<byte[]> decisions = new ArrayList<>(n);
        List<String> outcomes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            ids.add(id);
            double from = 10 + random.nextInt(9000) / 100.0;
            double to = Math.round(from * (1 + (random.nextInt(200) - 100) / 1000.0) * 100) / 100.0;
            submissions.add(String.format(Locale.ROOT, "{\"id\":\"%s\",\"systemKey\":\"%s\",\"actionType\":\"%s\","
                    + "\"summary\":\"Reprice sku-%d from %.2f to %.2f\",\"payload\":{\"sku\":\"sku-%d\",\"from\":%.2f,"
                    + "\"to\":%.2f,\"run\":\"%s\"},\"magnitude\":%.4f,\"amount\":%.2f,\"confidence\":%.2f}", id, system,
                    actionType, i, from, to, i, from, to, runId, Math.abs(to - from) / from, Math.abs(to - from),
                    0.6 + random.nextInt(40) / 100.0).getBytes(StandardCharsets.UTF_8));
            String outcome = i % 10 == 3 ? "REJECT" : i % 10 == 7 ? "MODIFY" : "APPROVE";
            outcomes.add(outcome);
            decisions.add(("{\"outcome\":\"" + outcome + "\",\"rationale\":\"benchmark " + runId + ": " + outcome.toLowerCase(Locale.ROOT)
                    + " as priced\"" + (outcome.equals("MODIFY") ? ",\"modifications\":{\"to\":" + from + "}" : "") + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        long auditBase = single(db, "select coalesce(max(seq), 0) from oversight.audit_log");
        String prefix = name.equals("measured") ? "" : name + ": ";

        // 1. submissions
        long[] submitStart = new long[n];
        long[] submitEnd = new long[n];
        String w0 = clock();
        DbSessions sessions = new DbSessions(db, 50);
        long t0 = System.nanoTime();
        post(n, i -> URI.create(url + "/api/v1/reviews"), submissions, o.get("ingest-token"), submitStart, submitEnd,
                (i, res) -> Main.check(res.status() == 201 && res.body().contains("\"state\":\"PENDING\"")
                        && res.body().contains("\"tier\":\"REVIEW_AND_APPROVAL\"")
                        && res.body().contains("\"requiredApprovals\":1,"), "submission " + i + ": HTTP " + res.status()
                                + ", expected 201 PENDING REVIEW_AND_APPROVAL with one approval: " + cut(res.body())));
        long t1 = System.nanoTime();
        double submitRate = n / ((t1 - t0) / 1e9);
        System.out.printf("%ssubmissions: %,d reviews submitted in %s = %s submissions/s (%d clients; latency p50 %s, p99 %s;"
                + " %s-%s UTC)%n", prefix, n, Main.seconds(t1 - t0), Main.rate(submitRate), clients,
                ms(latencies(submitStart, submitEnd), 50), ms(latencies(submitStart, submitEnd), 99), w0, clock());
        System.out.printf("%s  database meanwhile: %s%n", prefix, sessions.summary());

        // 2. decisions, 3. their events
        watcher.watch(ids);
        long[] decideStart = new long[n];
        long[] decideEnd = new long[n];
        String w2 = clock();
        sessions = new DbSessions(db, 50);
        long t2 = System.nanoTime();
        post(n, i -> URI.create(url + "/api/v1/reviews/" + ids.get(i) + "/decision"), decisions, o.get("reviewer-token"),
                decideStart, decideEnd, (i, res) -> {
                    String state = switch (outcomes.get(i)) {
                        case "REJECT" -> "REJECTED";
                        case "MODIFY" -> "MODIFIED";
                        default -> "APPROVED";
                    };
                    Main.check(res.status() == 200 && res.body().contains("\"state\":\"" + state + "\""),
                            "decision " + i + ": HTTP " + res.status() + ", expected 200 " + state + ": " + cut(res.body()));
                });
        long t3 = System.nanoTime();
        double decideRate = n / ((t3 - t2) / 1e9);
        long[] decideLatency = latencies(decideStart, decideEnd);
        System.out.printf("%sdecisions: %,d reviews decided in %s = %s decisions/s over HTTP (%d clients; latency p50 %s,"
                + " p99 %s; %s-%s UTC)%n", prefix, n, Main.seconds(t3 - t2), Main.rate(decideRate), clients,
                ms(decideLatency, 50), ms(decideLatency, 99), w2, clock());
        System.out.printf("%s  database meanwhile: %s%n", prefix, sessions.summary());

        long lastSeen = waitForEvents(watcher, ids);
        Thread.sleep(1_000); // a repeat would arrive right after the first: keep reading a little longer
        watcher.checkAlive();
        long[] eventLatency = new long[n];
        int missing = 0;
        int repeated = 0;
        int wrongOutcome = 0;
        for (int i = 0; i < n; i++) {
            DecisionWatcher.Seen s = watcher.seen(ids.get(i));
            if (s == null) {
                missing++;
                continue;
            }
            repeated += s.count > 1 ? 1 : 0;
            wrongOutcome += outcomes.get(i).equals(s.outcome) ? 0 : 1;
            eventLatency[i] = s.firstAt - decideStart[i];
        }
        Main.check(missing == 0 && repeated == 0 && wrongOutcome == 0, "decision events: " + missing + " missing, "
                + repeated + " reviews with more than one, " + wrongOutcome + " with another outcome than decided");
        double e2eRate = n / ((lastSeen - t2) / 1e9);
        Arrays.sort(eventLatency);
        System.out.printf("%send to end: %,d decision events read off %s in %s = %s decisions/s (first decision call to"
                + " last event; each exactly once, outcome as decided); decision call to event p50 %s, p99 %s, max %s%n",
                prefix, n, TOPIC, Main.seconds(lastSeen - t2), Main.rate(e2eRate), ms(eventLatency, 50), ms(eventLatency, 99),
                ms(eventLatency, 100));

        checkAudit(db, auditBase, ids, prefix);

        Map<String, Double> results = new LinkedHashMap<>();
        results.put("review_submit_rate", submitRate);
        results.put("review_decide_rate", decideRate);
        results.put("review_decide_p50_ms", percentile(decideLatency, 50) / 1e6);
        results.put("review_decide_p99_ms", percentile(decideLatency, 99) / 1e6);
        results.put("review_e2e_rate", e2eRate);
        results.put("review_event_p50_ms", percentile(eventLatency, 50) / 1e6);
        results.put("review_event_p99_ms", percentile(eventLatency, 99) / 1e6);
        results.put("review_n", (double) n);
        return results;
    }

    private long waitForEvents(DecisionWatcher watcher, List<String> ids) throws Exception {
        int last = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            watcher.checkAlive();
            int arrived = watcher.arrived(ids);
            long now = System.nanoTime();
            if (arrived == ids.size()) {
                long latest = 0;
                for (String id : ids) {
                    latest = Math.max(latest, watcher.seen(id).firstAt);
                }
                return latest;
            }
            if (arrived != last) {
                last = arrived;
                lastProgress = now;
            } else if (now - lastProgress > STALL_NS) {
                throw new java.io.IOException("no decision event for 60 s: " + (ids.size() - arrived) + " of " + ids.size()
                        + " missing; see oversight-service's log and its outbox (oversight.outbox where published_at is null)");
            }
            Thread.sleep(20);
        }
    }

    /** Every review of the round has exactly one REVIEW_SUBMITTED and one REVIEW_DECIDED entry after {@code base}. */
    private void checkAudit(Connection db, long base, List<String> ids, String prefix) throws Exception {
        Map<String, int[]> counts = new HashMap<>();
        int other = 0;
        try (PreparedStatement q = db.prepareStatement("select action, subject_id from oversight.audit_log"
                + " where system_key = ? and seq > ?")) {
            q.setString(1, system);
            q.setLong(2, base);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String action = rs.getString(1);
                    int slot = action.equals("REVIEW_SUBMITTED") ? 0 : action.equals("REVIEW_DECIDED") ? 1 : -1;
                    if (slot < 0) {
                        other++;
                    } else {
                        counts.computeIfAbsent(rs.getString(2), k -> new int[2])[slot]++;
                    }
                }
            }
        }
        int bad = 0;
        for (String id : ids) {
            int[] c = counts.get(id);
            if (c == null || c[0] != 1 || c[1] != 1) {
                bad++;
            }
        }
        Main.check(bad == 0, bad + " of " + ids.size() + " reviews lack exactly one REVIEW_SUBMITTED and one REVIEW_DECIDED"
                + " audit entry");
        System.out.printf("%saudit: %,d REVIEW_SUBMITTED and %,d REVIEW_DECIDED entries, one each per review (%d other"
                + " entries of %s)%n", prefix, ids.size(), ids.size(), other, system);
    }

    private long decidedInTrack(Connection db) throws Exception {
        try (PreparedStatement q = db.prepareStatement("select count(*) from oversight.reviews where system_key = ?"
                + " and action_type = ? and decided_at is not null")) {
            q.setString(1, system);
            q.setString(2, actionType);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long single(Connection db, String sql) throws Exception {
        try (PreparedStatement q = db.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String verifyChain() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/audit/verify"))
                .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + o.get("reviewer-token")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return "HTTP " + res.statusCode() + " " + res.body().replace(" ", "");
    }

    interface Target {
        URI of(int index);
    }

    /**
     * POSTs body i to target i for every i, from {@code clients} concurrent HTTP/1.1 clients that each take the next
     * unsent one; notes when each call started and ended, and checks each answer.
     */
    private void post(int n, Target target, List<byte[]> bodies, String token, long[] started, long[] ended,
            HttpBatches.AnswerCheck check) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Void>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    HttpRequest request = HttpRequest.newBuilder(target.of(i)).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build();
                    started[i] = System.nanoTime();
                    HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
                    ended[i] = System.nanoTime();
                    check.check(i, new PlainHttp.Answer(res.statusCode(), res.body()));
                }
                return null;
            }));
        }
        try {
            for (Future<Void> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void write(Map<String, Double> results) throws Exception {
        String file = o.get("results");
        if (file == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        results.forEach((k, v) -> sb.append(k).append('=').append(String.format(Locale.ROOT, "%.1f", v)).append('\n'));
        Files.writeString(Path.of(file), sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static long[] latencies(long[] started, long[] ended) {
        long[] l = new long[started.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = ended[i] - started[i];
        }
        Arrays.sort(l);
        return l;
    }

    /** Nearest-rank percentile of sorted nanoseconds. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String ms(long[] sorted, int p) {
        return String.format(Locale.ROOT, "%.1f ms", percentile(sorted, p) / 1e6);
    }

    private static String clock() {
        return LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String cut(String body) {
        return body.substring(0, Math.min(body.length(), 500));
    }
}
