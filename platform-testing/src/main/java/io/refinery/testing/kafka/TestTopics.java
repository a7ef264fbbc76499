package io.refinery.testing.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for tests: send raw records to a topic and wait for records on one. */
public final class TestTopics {

    private TestTopics() {
    }

    /** Sends like the services' outbox relays do: structured CloudEvent with its content-type header. */
    public static void sendCloudEvent(String bootstrapServers, String topic, String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        send(bootstrapServers, record);
    }

    public static void send(String bootstrapServers, String topic, String key, String value) {
        send(bootstrapServers, new ProducerRecord<>(topic, key, value));
    }

    /** Sends bytes as they are (records that are not UTF-8, or not JSON). */
    public static void sendBytes(String bootstrapServers, String topic, String key, byte[] value) {
        Map<String, Object> conf = new java.util.HashMap<>(producerConfig(bootstrapServers));
        conf.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(conf)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** Like {@link #awaitRecord} with the values' bytes as they are on the broker. */
    public static List<ConsumerRecord<String, byte[]>> awaitRawRecord(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, byte[]>> wanted, Duration timeout) {
        Map<String, Object> conf = new java.util.HashMap<>(consumerConfig(bootstrapServers));
        conf.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(conf)) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r);
                    if (wanted.test(r)) {
                        return seen;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout + "; saw " + seen.size() + " records");
    }

    /** Sends {@code values} in order under one key with a single producer (one producer per record is slow). */
    public static void sendAll(String bootstrapServers, String topic, String key, List<String> values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrapServers))) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>(values.size());
            for (String value : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, key, value)));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    private static Map<String, Object> producerConfig(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all");
    }

    private static void send(String bootstrapServers, ProducerRecord<String, String> record) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrapServers))) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + record.topic(), e);
        }
    }

    /** Every record on {@code topic} that matches, read from the beginning until no new record came for {@code quiet}. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> wanted, Duration quiet) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers))) {
            consumer.subscribe(List.of(topic));
            long lastNews = System.nanoTime();
            boolean assigned = false;
            while (!assigned || System.nanoTime() - lastNews < quiet.toNanos()) {
                var records = consumer.poll(Duration.ofMillis(200));
                assigned = assigned || !consumer.assignment().isEmpty();
                if (!records.isEmpty()) {
                    lastNews = System.nanoTime();
                }
                records.forEach(r -> {
                    if (wanted.test(r)) {
                        matching.add(r);
                    }
                });
            }
        }
        return matching;
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    }

    /**
     * Reads {@code topic} from the beginning until a record matches {@code wanted} or {@code timeout} passes;
     * returns every record read so far (the match last) or throws.
     */
    public static List<ConsumerRecord<String, String>> awaitRecord(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> wanted, Duration timeout) {
        Map<String, Object> conf = consumerConfig(bootstrapServers);
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(conf)) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r);
                    if (wanted.test(r)) {
                        return seen;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout + "; saw " + seen.size()
                + " records: " + seen.stream().map(ConsumerRecord::value).toList());
    }
}
