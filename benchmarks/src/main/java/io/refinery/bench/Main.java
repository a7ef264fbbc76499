package io.refinery.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Load generator of benchmarks/run-metrics-ingest.sh, one measurement per call:
 *
 * <pre>
 *   kafka  --n N --run-id R      produce N observations to refinery.metrics.observations, wait until stored
 *   backlog --n N --run-id R --token T   pause ingestion from Kafka, produce N observations, resume, time the drain
 *   http   --n N --run-id R --token T [--clients 4]   POST them in batches of 10,000
 *   copy   --n N --run-id R      COPY the rows of the kafka measurement into a scratch table
 *   delete-group --group G       remove a consumer group (the one ConsumerPerformance used)
 *   samples-kafka --n N --run-id R --topic refinery.metrics.samples   drift samples through Kafka, until committed
 *   samples-http --n N --run-id R --token T [--clients 4]   drift samples POSTed in batches of 1,000
 * </pre>
 *
 * Each prints its numbers; with {@code --results FILE} it also appends them as shell assignments.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Main kafka|backlog|http|copy|samples-kafka|samples-http|delete-group [--name value]...");
            System.exit(2);
        }
        Config config = Config.parse(args, 1);
        Map<String, Double> results;
        switch (args[0]) {
            case "kafka" -> results = KafkaToPostgres.run(config);
            case "backlog" -> results = KafkaBacklog.run(config);
            case "http" -> results = HttpBatches.run(config);
            case "copy" -> results = CopyLimit.run(config);
            case "samples-kafka" -> results = DriftSamples.kafka(config);
            case "samples-http" -> results = DriftSamples.http(config);
            case "delete-group" -> {
                deleteGroup(config);
                results = Map.of();
            }
            default -> throw new IllegalArgumentException("unknown measurement '" + args[0] + "'");
        }
        if (config.results() != null && !results.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            results.forEach((k, v) -> sb.append(k).append('=').append(String.format(Locale.ROOT, "%.1f", v)).append('\n'));
            Files.writeString(Path.of(config.results()), sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    /**
     * Lets the load generator settle before a clock starts: the garbage of building the workload collected now, and
     * its compiler given a moment to finish, instead of both running on the measured cores during the measurement
     * (seen: 0.08 to 0.60 s of the generator's CPU in the same one-second HTTP measurement).
     */
    static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(500);
    }

    /** CPU time this JVM (the load generator) has used so far, all threads, in nanoseconds. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The load generator's own CPU over a measured window, for the line that reports it. */
    static String generatorCpu(long cpuNanos, long wallNanos) {
        return String.format(Locale.ROOT, "load generator: %.2f s CPU in those %.2f s, %.0f %% of one core",
                cpuNanos / 1e9, wallNanos / 1e9, 100.0 * cpuNanos / wallNanos);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static void deleteGroup(Config config) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        try (Admin admin = Admin.create(props)) {
            admin.deleteConsumerGroups(java.util.List.of(config.group())).all().get();
        }
    }

    static void check(boolean ok, String message) throws IOException {
        if (!ok) {
            throw new IOException(message);
        }
    }
}
