package io.refinery.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka → PostgreSQL: produce N observation records to refinery.metrics.observations (keyed by system, as
 * producers are told to), then wait until metrics-service has committed all of them. The rate runs from the
 * first send to the moment the last row is seen committed.
 */
final class KafkaToPostgres {

    private static final long POLL_MS = 50;
    private static final long STALL_NS = 60_000_000_000L;

    private KafkaToPostgres() {
    }

    static Map<String, Double> run(Config config) throws Exception {
        int n = config.n();
        List<byte[]> values = records(config, "kafka");
        try (Connection db = Db.connect(config)) {
            // Counted from the rollups: a count(*) of the table would cost PostgreSQL more CPU than the ingestion it
            // measures. run-metrics-ingest.sh checks count(*) against the rollups once, after every measurement.
            long baseRollups = Db.countFromRollups(db, config.systemKey());
            System.out.printf("kafka->postgres: %,d records ready (%s), %,d observations of %s already stored%n", n,
                    config.topic(), baseRollups, config.systemKey());

            warmUp(config, values);
            Main.settle();
            long cpu = Main.cpuNanos();
            long[] window = produce(config, values);
            long start = window[0];
            long produced = window[1];
            double produceRate = n / ((produced - start) / 1e9);
            System.out.printf("kafka produce:        %,d records acknowledged in %s = %s records/s (acks=all)%n", n,
                    Main.seconds(produced - start), Main.rate(produceRate));

            long stored = waitUntilStored(db, config.systemKey(), baseRollups + n);
            long elapsed = stored - start;
            cpu = Main.cpuNanos() - cpu;
            double rate = n / (elapsed / 1e9);
            System.out.printf("kafka->postgres:      %,d observations stored in %s = %s obs/s"
                    + " (first send to last row committed; %s)%n", n, Main.seconds(elapsed), Main.rate(rate),
                    Main.generatorCpu(cpu, elapsed));
            Map<String, Double> results = new LinkedHashMap<>();
            results.put("kafka_produce_rate", produceRate);
            results.put("kafka_ingest_rate", rate);
            results.put("kafka_ingest_seconds", elapsed / 1e9);
            return results;
        }
    }

    /** The N records of the run, serialized before any clock starts (the broker and the service are measured). */
    static List<byte[]> records(Config config, String kind) {
        List<byte[]> values = new ArrayList<>(config.n());
        for (Workload.Obs o : Workload.generate(config.systemKey(), config.runId() + "-" + kind.charAt(0), config.seed(kind),
                config.n())) {
            values.add(o.json().getBytes(StandardCharsets.UTF_8));
        }
        return values;
    }

    /**
     * Sends the same records once to a scratch topic of their own (deleted afterwards) before the clock starts, so the
     * measured window has the load generator's producer compiled: a cold one used 128 % of a core during the live
     * measurement, most of it compiling, on the 2 cores the service and PostgreSQL share with it.
     */
    static void warmUp(Config config, List<byte[]> values) throws Exception {
        String topic = "bench-warmup-" + config.runId();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        try (Admin kafka = Admin.create(admin)) {
            kafka.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            try {
                produce(new Config(config.n(), config.runId(), config.systemKey(), config.bootstrap(), topic,
                        config.jdbcUrl(), config.dbUser(), config.dbPassword(), config.metricsUrl(), config.token(),
                        config.clients(), config.group(), config.results()), values);
            } finally {
                kafka.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    /** Sends every record keyed by the system and waits for all acknowledgements; returns {first send, last ack}. */
    static long[] produce(Config config, List<byte[]> values) throws Exception {
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long start;
        byte[] key = config.systemKey().getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(config))) {
            producer.partitionsFor(config.topic()); // metadata fetched before the clock starts
            start = System.nanoTime();
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(config.topic(), key, value), (md, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        long produced = System.nanoTime();
        Main.check(failed.get() == 0, failed.get() + " records were not acknowledged: " + firstError.get());
        return new long[] { start, produced };
    }

    private static Properties producerProps(Config config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-" + config.runId());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** Polls until the system's committed count reaches expected; returns the nanoTime it was first seen. */
    static long waitUntilStored(Connection db, String systemKey, long expected) throws Exception {
        long last = -1;
        long lastProgress = System.nanoTime();
        long lastReport = lastProgress;
        while (true) {
            long stored = Db.countFromRollups(db, systemKey);
            long now = System.nanoTime(); // after the read: the rows were committed before this
            if (stored >= expected) {
                Main.check(stored == expected, "stored " + stored + " observations, expected exactly " + expected);
                return now;
            }
            if (stored != last) {
                last = stored;
                lastProgress = now;
            } else if (now - lastProgress > STALL_NS) {
                throw new java.io.IOException("no progress for 60 s: " + (expected - stored) + " observations missing;"
                        + " see .refinery/logs/metrics.log and topic refinery.metrics.observations.dlq");
            }
            if (now - lastReport > 5_000_000_000L) {
                System.out.printf("  ... %,d observations still to store%n", expected - stored);
                lastReport = now;
            }
            Thread.sleep(POLL_MS);
        }
    }
}
