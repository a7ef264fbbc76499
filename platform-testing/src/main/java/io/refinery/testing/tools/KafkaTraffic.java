package io.refinery.testing.tools;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka traffic for the fault tests of the running suite (e2e/faults.py), run with the broker's classpath:
 * <pre>
 *   produce-observations BOOTSTRAP SYSTEM PREFIX COUNT RATE   observations PREFIX-0..COUNT-1, at RATE per second
 *   count-dlq BOOTSTRAP TOPIC TEXT                             records on TOPIC whose value contains TEXT
 *   event-ids BOOTSTRAP TOPIC...                               every record of the TOPICs from the start, one JSON
 *                                                              line each: topic, partition, offset, key, CloudEvent id
 * </pre>
 * Prints one line of JSON with what it did. Bounded: every loop ends by count or by a 60 s deadline.
 */
public final class KafkaTraffic {

    /** A CloudEvent's own id: the envelope's first member after specversion, before any data member. */
    private static final Pattern FIRST_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private KafkaTraffic() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "produce-observations" -> produce(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "count-dlq" -> countMatching(args[1], args[2], args[3]);
            case "event-ids" -> eventIds(args[1], List.of(args).subList(2, args.length));
            default -> {
                System.err.println("usage: produce-observations BOOTSTRAP SYSTEM PREFIX COUNT RATE | count-dlq BOOTSTRAP TOPIC TEXT"
                        + " | event-ids BOOTSTRAP TOPIC...");
                System.exit(2);
            }
        }
    }

    private static void produce(String bootstrap, String system, String prefix, int count, int rate) throws Exception {
        Map<String, Object> conf = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        Instant at = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(conf)) {
            for (int i = 0; i < count; i++) {
                String value = "{\"id\": \"" + prefix + "-" + i + "\", \"systemKey\": \"" + system
                        + "\", \"metric\": \"fault_ctr\", \"value\": 0.5, \"observedAt\": \"" + at.plusMillis(i) + "\"}";
                producer.send(new ProducerRecord<>("refinery.metrics.observations", system, value));
                long due = start + (long) (i + 1) * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            producer.flush();
        }
        System.out.printf("{\"produced\": %d, \"seconds\": %.2f}%n", count, (System.nanoTime() - start) / 1e9);
    }

    private static void countMatching(String bootstrap, String topic, String text) {
        Map<String, Object> conf = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "fault-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        int matching = 0;
        int read = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(conf)) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.nanoTime();
            boolean assigned = false;
            while (System.nanoTime() < deadline && (!assigned || System.nanoTime() - quietSince < 3_000_000_000L)) {
                var records = consumer.poll(Duration.ofMillis(200));
                assigned = assigned || !consumer.assignment().isEmpty();
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    read++;
                    if (r.value() != null && new String(r.value(), StandardCharsets.UTF_8).contains(text)) {
                        matching++;
                    }
                }
            }
        }
        System.out.printf("{\"topic\": \"%s\", \"read\": %d, \"matching\": %d}%n", topic, read, matching);
    }

    /** Reads the topics to their end offsets as they are now and prints each record's CloudEvent id. */
    private static void eventIds(String bootstrap, List<String> topics) {
        Map<String, Object> conf = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(conf)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(
                        new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Set<TopicPartition> open = new HashSet<>(partitions);
            open.removeIf(p -> consumer.position(p) >= end.get(p));
            StringBuilder out = new StringBuilder();
            while (!open.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("event-ids: could not read " + open + " to the end within 60 s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Matcher id = FIRST_ID.matcher(r.value() == null ? ""
                            : new String(r.value(), StandardCharsets.UTF_8));
                    out.append(String.format("{\"topic\": \"%s\", \"partition\": %d, \"offset\": %d, \"key\": \"%s\", "
                            + "\"id\": \"%s\"}%n", r.topic(), r.partition(), r.offset(),
                            r.key() == null ? "" : r.key().replace("\\", "\\\\").replace("\"", "\\\""),
                            id.find() ? id.group(1) : ""));
                }
                open.removeIf(p -> consumer.position(p) >= end.get(p));
            }
            System.out.print(out);
        }
    }
}
