package io.refinery.bench;

import java.util.HashMap;
import java.util.Map;

/** Options of a run, from {@code --name value} pairs; everything points at the local run of bin/refinery. */
record Config(int n, String runId, String systemKey, String bootstrap, String topic, String jdbcUrl, String dbUser,
        String dbPassword, String metricsUrl, String token, int clients, String group, String results) {

    static Config parse(String[] args, int from) {
        Map<String, String> o = options(args, from);
        return new Config(
                Integer.parseInt(o.getOrDefault("n", "500000")),
                o.getOrDefault("run-id", "bench"),
                o.getOrDefault("system", "bench-reco"),
                o.getOrDefault("bootstrap", "127.0.0.1:9092"),
                o.getOrDefault("topic", "refinery.metrics.observations"),
                o.getOrDefault("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/refinery"),
                o.getOrDefault("db-user", "postgres"),
                o.getOrDefault("db-password", ""),
                o.getOrDefault("metrics-url", "http://127.0.0.1:8081"),
                o.get("token"),
                Integer.parseInt(o.getOrDefault("clients", "4")),
                o.get("group"),
                o.get("results"));
    }

    /** The {@code --name value} pairs from {@code args[from]} on, by name (without the dashes). */
    static Map<String, String> options(String[] args, int from) {
        Map<String, String> o = new HashMap<>();
        for (int i = from; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    /** Seed of a workload: the same run id and kind always give the same rows. */
    long seed(String kind) {
        return ((long) runId.hashCode() << 32) ^ kind.hashCode();
    }
}
