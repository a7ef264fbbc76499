package io.refinery.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Replays a dead-letter queue after a fix: every dead letter not replayed before goes back to its source topic
 * ({@code refinery-source-topic}) with its key and bytes, and a {@code refinery-replays} header one higher than it
 * had. Consumers are idempotent, so a record that was processed meanwhile changes nothing; one that still cannot be
 * processed returns to the DLQ with its new reason. Progress is the committed offset of consumer group
 * {@code refinery-dlq-replay.<dlq topic>}, so a second run replays only what arrived since. Plain Kafka clients,
 * no framework: {@code bin/refinery replay-dlq TOPIC.dlq} runs it against the local broker.
 */
public final class DeadLetterReplay {

    /** What a run did. */
    public record Result(String deadLetterTopic, int replayed, int skipped) {
    }

    private DeadLetterReplay() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !args[1].endsWith(DeadLetterHeaders.TOPIC_SUFFIX)) {
            System.err.println("usage: DeadLetterReplay BOOTSTRAP_SERVERS TOPIC.dlq");
            System.exit(2);
        }
        Result r = replay(args[0], args[1], Duration.ofSeconds(60));
        System.out.printf("{\"deadLetterTopic\": \"%s\", \"replayed\": %d, \"skipped\": %d}%n", r.deadLetterTopic(),
                r.replayed(), r.skipped());
    }

    /** Replays what {@code deadLetterTopic} holds now (bounded by {@code limit}); returns how many records went back. */
    public static Result replay(String bootstrapServers, String deadLetterTopic, Duration limit) {
        String source = deadLetterTopic.substring(0, deadLetterTopic.length() - DeadLetterHeaders.TOPIC_SUFFIX.length());
        Map<String, Object> consumerConf = new HashMap<>();
        consumerConf.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConf.put(ConsumerConfig.GROUP_ID_CONFIG, "refinery-dlq-replay." + deadLetterTopic);
        consumerConf.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConf.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerConf.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Object> producerConf = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        int replayed = 0;
        int skipped = 0;
        long deadline = System.nanoTime() + limit.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConf);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConf)) {
            consumer.subscribe(List.of(deadLetterTopic));
            boolean assigned = false;
            int emptyPolls = 0;
            while (System.nanoTime() < deadline && (!assigned || emptyPolls < 5)) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(300));
                assigned = assigned || !consumer.assignment().isEmpty();
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                List<Future<RecordMetadata>> sent = new java.util.ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    String target = text(r.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC));
                    if (target == null || target.isBlank()) {
                        target = source;
                    }
                    if (!target.equals(source)) {
                        skipped++;
                        continue;
                    }
                    RecordHeaders headers = new RecordHeaders();
                    int replays = 0;
                    for (Header h : r.headers()) {
                        if (h.key().equals(DeadLetterHeaders.REPLAYS)) {
                            replays = parse(text(h));
                        } else if (!h.key().startsWith("refinery-")) {
                            headers.add(h);
                        }
                    }
                    headers.add(DeadLetterHeaders.REPLAYS, Integer.toString(replays + 1).getBytes(StandardCharsets.UTF_8));
                    sent.add(producer.send(new ProducerRecord<>(target, null, r.key(), r.value(), headers)));
                    replayed++;
                }
                for (Future<RecordMetadata> f : sent) {
                    f.get(30, TimeUnit.SECONDS);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay of " + deadLetterTopic + " interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("replay of " + deadLetterTopic + " failed after " + replayed + " records", e);
        }
        return new Result(deadLetterTopic, replayed, skipped);
    }

    private static String text(Header h) {
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static int parse(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
