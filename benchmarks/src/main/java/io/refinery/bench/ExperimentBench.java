package io.refinery.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.refinery.experiments.assignment.allocation.Allocation;

/**
 * Helper of benchmarks/run-experiment-service.sh (not a test). Modes:
 * <ul>
 * <li>{@code register BOOTSTRAP SYSTEM}: publishes a registration of AI system SYSTEM on refinery.systems, as
 * oversight-service would, so experiment-service accepts experiments of it.</li>
 * <li>{@code load URL TOKEN EXPERIMENT VARIANTS N CLIENTS}: N units exposed to EXPERIMENT (a running two-variant
 * BINOMIAL experiment whose primary metric is {@code conversion}; VARIANTS = "control,treatment" in declaration
 * order, weights 50/50) through {@code POST URL/api/v1/exposures} in batches of 10,000, then a conversion outcome
 * ({@code value 1}) for about 10 % of the control's units and 11 % of the treatment's through
 * {@code POST URL/api/v1/outcomes}. Each exposure names a device (mobile, desktop, tablet, in turn) as its
 * segment. Units are placed by the same hash the service uses, so the variant is left
 * to the service. CLIENTS concurrent clients; every answer must be 202 with the whole batch accepted.</li>
 * <li>{@code load URL TOKEN EXPERIMENT VARIANTS N CLIENTS RATIO}: the same exposures for an experiment whose primary
 * metric is the RATIO revenue per session: every unit gets a {@code sessions} outcome of 1 to 4, and about 30 % of
 * the control's units and 31 % of the treatment's a {@code revenue} outcome (5 to 85 per session).</li>
 * <li>{@code load URL TOKEN EXPERIMENT VARIANTS N CLIENTS QUANTILE}: the same exposures for an experiment whose primary
 * metric is the QUANTILE p90 latency: 90 % of the units send one {@code latency} outcome (lognormal, median 150 ms,
 * 0.1 ms resolution; the treatment's 3 % lower).</li>
 * </ul>
 */
public final class ExperimentBench {

    private static final int BATCH = 10_000;
    /** Every exposure names the unit's device, for the segment analysis the script times. */
    private static final String[] DEVICES = { "mobile", "desktop", "tablet" };
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    private ExperimentBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("register")) {
            register(args[1], args[2]);
        } else if ((args.length == 7 || args.length == 8 && List.of("RATIO", "QUANTILE").contains(args[7]))
                && args[0].equals("load")) {
            load(args[1], args[2], args[3], List.of(args[4].split(",")), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]), args.length == 8 ? args[7] : "BINOMIAL");
        } else {
            System.err.println("usage: register BOOTSTRAP SYSTEM | load URL TOKEN EXPERIMENT VARIANTS N CLIENTS [RATIO|QUANTILE]");
            System.exit(2);
        }
    }

    static void register(String bootstrap, String system) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        String now = Instant.now().toString();
        String event = """
                {"specversion": "1.0", "id": "%s", "source": "/oversight-service",
                 "type": "io.refinery.oversight.system.registered.v1", "subject": "%s", "time": "%s",
                 "datacontenttype": "application/json",
                 "data": {"key": "%s", "name": "Benchmark recommendations", "kind": "RECOMMENDATION",
                          "ownerTeam": "platform",
                          "riskProfile": {"brandImpact": "LOW", "financialImpact": "LOW", "customerImpact": "LOW"},
                          "revision": 1, "updatedAt": "%s"}}""".formatted(UUID.randomUUID(), system, now, system, now);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("refinery.systems", system, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the registration of " + system, e);
        }
    }

    static void load(String url, String token, String experiment, List<String> variants, int n, int clients,
            String metric) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        Allocation allocation = new Allocation(experiment, 1.0, variants, List.of(0.5, 0.5));
        String at = Instant.now().minusSeconds(60).toString();
        ConcurrentLinkedQueue<byte[]> exposures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<byte[]> outcomes = new ConcurrentLinkedQueue<>();
        SplittableRandom random = new SplittableRandom(20261125);
        StringBuilder exposureBatch = new StringBuilder();
        OutcomeBatches outcomeBatches = new OutcomeBatches(run, experiment, at, outcomes);
        int inExposureBatch = 0;
        long conversions = 0;
        for (int i = 0; i < n; i++) {
            String unit = "u-" + i;
            exposureBatch.append(inExposureBatch == 0 ? '[' : ',').append("{\"id\":\"x-").append(run).append('-')
                    .append(i).append("\",\"experimentKey\":\"").append(experiment).append("\",\"unitId\":\"")
                    .append(unit).append("\",\"at\":\"").append(at).append("\",\"segments\":{\"device\":\"")
                    .append(DEVICES[i % DEVICES.length]).append("\"}}");
            if (++inExposureBatch == BATCH) {
                exposures.add(exposureBatch.append(']').toString().getBytes());
                exposureBatch.setLength(0);
                inExposureBatch = 0;
            }
            boolean control = variants.get(0).equals(allocation.assign(unit));
            if (metric.equals("QUANTILE")) {
                if (random.nextDouble() < 0.9) {
                    double latency = Math.exp(Math.log(150) + 0.6 * gaussian(random)) * (control ? 1 : 0.97);
                    outcomeBatches.add("l-" + i, unit, "latency", Math.round(latency * 10) / 10.0);
                    conversions++;
                }
            } else if (metric.equals("RATIO")) {
                int sessions = 1 + random.nextInt(4);
                outcomeBatches.add("s-" + i, unit, "sessions", sessions);
                conversions++;
                if (random.nextDouble() < (control ? 0.30 : 0.31)) {
                    outcomeBatches.add("r-" + i, unit, "revenue", Math.round(sessions * (5 + 80 * random.nextDouble())));
                    conversions++;
                }
            } else if (random.nextDouble() < (control ? 0.10 : 0.11)) {
                conversions++;
                outcomeBatches.add("o-" + i, unit, "conversion", 1);
            }
        }
        outcomeBatches.flush();
        if (inExposureBatch > 0) {
            exposures.add(exposureBatch.append(']').toString().getBytes());
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long exposed = post(http, url + "/api/v1/exposures", token, exposures, clients, n, "exposures");
        long converted = post(http, url + "/api/v1/outcomes", token, outcomes, clients, conversions, "outcomes");
        System.out.printf("load:                 %,d units exposed, %,d %s stored%n", exposed, converted,
                metric.equals("BINOMIAL") ? "conversions" : "outcomes");
    }

    /** A standard normal draw (Box–Muller; SplittableRandom has none). */
    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Outcome items gathered into JSON batches of {@link #BATCH}. */
    private static final class OutcomeBatches {
        private final String run;
        private final String experiment;
        private final String at;
        private final ConcurrentLinkedQueue<byte[]> batches;
        private final StringBuilder batch = new StringBuilder();
        private int items;

        OutcomeBatches(String run, String experiment, String at, ConcurrentLinkedQueue<byte[]> batches) {
            this.run = run;
            this.experiment = experiment;
            this.at = at;
            this.batches = batches;
        }

        void add(String id, String unit, String metric, double value) {
            batch.append(items == 0 ? '[' : ',').append("{\"id\":\"").append(id).append('-').append(run)
                    .append("\",\"experimentKey\":\"").append(experiment).append("\",\"unitId\":\"").append(unit)
                    .append("\",\"metric\":\"").append(metric).append("\",\"value\":")
                    .append(value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value))
                    .append(",\"at\":\"").append(at).append("\"}");
            if (++items == BATCH) {
                flush();
            }
        }

        void flush() {
            if (items > 0) {
                batches.add(batch.append(']').toString().getBytes());
                batch.setLength(0);
                items = 0;
            }
        }
    }

    private static long post(HttpClient http, String url, String token, ConcurrentLinkedQueue<byte[]> bodies,
            int clients, long expected, String what) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<Long>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long accepted = 0;
                byte[] body;
                while ((body = bodies.poll()) != null) {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    Matcher m = ACCEPTED.matcher(answer.body());
                    if (answer.statusCode() != 202 || !m.find()) {
                        throw new IllegalStateException(url + " answered " + answer.statusCode() + ": "
                                + answer.body().substring(0, Math.min(500, answer.body().length())));
                    }
                    accepted += Long.parseLong(m.group(1));
                }
                return accepted;
            }));
        }
        long accepted = 0;
        for (Future<Long> f : futures) {
            accepted += f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (accepted != expected) {
            throw new IllegalStateException(what + ": " + accepted + " accepted, expected " + expected);
        }
        System.out.printf("load %-9s        %,d in %.2f s = %,.0f items/s (%d clients, batches of %,d)%n", what + ":",
                accepted, seconds, accepted / seconds, clients, BATCH);
        return accepted;
    }
}
