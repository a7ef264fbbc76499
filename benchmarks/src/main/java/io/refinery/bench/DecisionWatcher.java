package io.refinery.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads refinery.oversight.decisions off the broker while a benchmark runs: every partition is assigned (no consumer
 * group, nothing committed) from its end at {@link #start()}, and each io.refinery.oversight.decision.made.v1 event is
 * noted with the moment the poll returned it. Events about reviews the benchmark did not decide are counted apart.
 */
final class DecisionWatcher implements AutoCloseable {

    static final String TYPE = "io.refinery.oversight.decision.made.v1";
    private static final Pattern EVENT_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    private static final Pattern OUTCOME = Pattern.compile("\"outcome\"\\s*:\\s*\"([A-Z]+)\"");

    /** One review's decision events as seen: how many, when the first arrived, the first one's outcome. */
    static final class Seen {
        final long firstAt;
        final String outcome;
        final int count;

        Seen(long firstAt, String outcome, int count) {
            this.firstAt = firstAt;
            this.outcome = outcome;
            this.count = count;
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Map<String, Boolean> watched = new ConcurrentHashMap<>();
    private final AtomicLong others = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    DecisionWatcher(String bootstrap, String topic, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        for (TopicPartition tp : partitions) {
            consumer.position(tp, Duration.ofSeconds(30)); // resolved now: nothing published from here on is missed
        }
        System.out.printf("watching %s (%d partitions) from its end%n", topic, partitions.size());
        thread = new Thread(this::loop, "decision-watcher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Reviews whose events count as the benchmark's (register them before deciding them). */
    void watch(List<String> ids) {
        ids.forEach(id -> watched.put(id, Boolean.TRUE));
    }

    Seen seen(String id) {
        return seen.get(id);
    }

    /** How many of {@code ids} have had at least one event. */
    int arrived(List<String> ids) {
        int n = 0;
        for (String id : ids) {
            if (seen.containsKey(id)) {
                n++;
            }
        }
        return n;
    }

    long others() {
        return others.get();
    }

    long unreadable() {
        return unreadable.get();
    }

    void checkAlive() throws java.io.IOException {
        Throwable t = failure.get();
        if (t != null) {
            throw new java.io.IOException("the decision watcher failed: " + t, t);
        }
    }

    private void loop() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(50));
                long at = System.nanoTime();
                for (ConsumerRecord<String, byte[]> r : records) {
                    note(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8), at);
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    private void note(String json, long at) {
        Matcher type = EVENT_TYPE.matcher(json);
        Matcher id = REQUEST_ID.matcher(json);
        if (!type.find() || !id.find()) {
            unreadable.incrementAndGet();
            return;
        }
        String requestId = id.group(1).toLowerCase(java.util.Locale.ROOT);
        if (!TYPE.equals(type.group(1)) || !watched.containsKey(requestId)) {
            others.incrementAndGet();
            return;
        }
        Matcher outcome = OUTCOME.matcher(json);
        String o = outcome.find() ? outcome.group(1) : null;
        seen.merge(requestId, new Seen(at, o, 1), (old, x) -> new Seen(old.firstAt, old.outcome, old.count + 1));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
        consumer.close(Duration.ofSeconds(5));
    }
}
