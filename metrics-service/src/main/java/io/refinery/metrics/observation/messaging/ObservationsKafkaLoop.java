package io.refinery.metrics.observation.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Consumes refinery.metrics.observations with a plain Kafka consumer on a thread of its own: each poll's records go to
 * {@link ObservationsConsumer} as one batch, with no message object per record in between (a messaging framework's
 * per-record messages and hand-offs were a quarter of the service's CPU per observation; BENCHMARKS.md, issue 23).
 * Up to {@code writes-in-flight} batches are written at once; while that many are, or while the operators' switch
 * says so ({@link ObservationsPauseFollower}), the assigned partitions are paused and the consumer keeps polling, so it
 * stays in its group however long a database outage lasts. A batch's offsets are committed once it and every batch
 * polled before it are stored ({@link BatchesInOrder}); a batch given up in a rebalance or a crash is read again,
 * which the idempotent write makes harmless. Configured by {@code kafka.*} (every client) and
 * {@code refinery.observations.consumer.*} (this one: Kafka's consumer settings, and {@code topic}).
 */
@ApplicationScoped
@Default // besides @Liveness, a qualifier: the pause follower injects it
@Liveness
public class ObservationsKafkaLoop implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(ObservationsKafkaLoop.class);
    private static final String PREFIX = "refinery.observations.consumer.";
    /** How long a rebalance or a shutdown waits for the batches being written, so their offsets can be committed. */
    private static final Duration SETTLE = Duration.ofSeconds(15);
    /** How long every write slot may stay taken before the consumer pauses and polls to keep its place in the group. */
    private static final Duration KEEP_IN_GROUP_AFTER = Duration.ofSeconds(5);

    private final ObservationsConsumer batches;
    private final MeterRegistry registry;
    private final Map<String, Object> settings;
    private final String topic;
    private final String group;
    private final int writesInFlight;
    private final boolean enabled;

    /** Released each time a batch is stored, to wake the loop while every write slot is taken. */
    private final Semaphore finished = new Semaphore(0);
    private volatile boolean switchPaused;
    private volatile boolean pausedBySwitch;
    private volatile boolean running;
    private volatile Throwable died;
    private Thread thread;

    public ObservationsKafkaLoop(ObservationsConsumer batches, MeterRegistry registry, Config config) {
        this.batches = batches;
        this.registry = registry;
        this.settings = settings(config);
        this.topic = config.getOptionalValue(PREFIX + "topic", String.class).orElse("refinery.metrics.observations");
        this.group = String.valueOf(settings.get(ConsumerConfig.GROUP_ID_CONFIG));
        this.writesInFlight = config.getOptionalValue("refinery.observations.writes-in-flight", Integer.class).orElse(2);
        this.enabled = config.getOptionalValue(PREFIX + "enabled", Boolean.class).orElse(true);
        if (writesInFlight < 1) {
            throw new IllegalArgumentException("refinery.observations.writes-in-flight must be at least 1, got " + writesInFlight);
        }
    }

    /** Every {@code kafka.*} setting, then this consumer's own, then what this loop needs whatever the settings say. */
    private static Map<String, Object> settings(Config config) {
        Map<String, Object> s = new HashMap<>();
        s.put(ConsumerConfig.GROUP_ID_CONFIG, "metrics-service.observations");
        s.put(ConsumerConfig.CLIENT_ID_CONFIG, "kafka-consumer-observations"); // dashboards and alerts filter on it
        s.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> s.put(name.substring(6), v));
            }
        }
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX) && !name.equals(PREFIX + "topic") && !name.equals(PREFIX + "enabled")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> s.put(name.substring(PREFIX.length()), v));
            }
        }
        s.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        s.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        s.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return s;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.infof("consumer of %s switched off (%senabled=false)", topic, PREFIX);
            return;
        }
        running = true;
        thread = new Thread(this::run, "observations-consumer");
        thread.setDaemon(true); // never holds the JVM up: a batch left unwritten is read again after the restart
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false; // the loop sees it within a poll (100 ms) or a wait for a slot (200 ms)
        if (thread != null) {
            thread.join(SETTLE.toMillis() + 5_000);
        }
    }

    /** The operators' switch, as {@link ObservationsPauseFollower} reads it; applied at the loop's next turn. */
    void pause(boolean paused) {
        switchPaused = paused;
    }

    /** Whether this replica's consumer has paused its partitions for the switch. */
    boolean pausedHere() {
        return pausedBySwitch;
    }

    @Override
    public HealthCheckResponse call() {
        Throwable failure = died;
        return HealthCheckResponse.named("observations-consumer").status(failure == null)
                .withData("topic", topic).withData("paused", pausedBySwitch)
                .withData("state", failure != null ? "stopped: " + failure : running ? "running" : "not running")
                .build();
    }

    private void run() {
        BatchesInOrder<TopicPartition> inOrder = new BatchesInOrder<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings);
                KafkaClientMetrics metrics = new KafkaClientMetrics(consumer)) {
            metrics.bindTo(registry);
            Turn turn = new Turn(consumer, inOrder);
            consumer.subscribe(List.of(topic), turn);
            LOG.infof("consuming %s as %s, %d batch writes in flight", topic, group, writesInFlight);
            while (running) {
                turn.once();
            }
            turn.settle();
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    private void fail(Throwable e) {
        died = e;
        running = false;
        LOG.errorf(e, "the consumer of %s stopped; liveness is DOWN until the service restarts", topic);
    }

    /** One turn of the loop: commit what is stored, pause or resume, poll, hand a batch over. Consumer thread only. */
    private final class Turn implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> consumer;
        private final BatchesInOrder<TopicPartition> inOrder;
        private boolean paused;
        private long fullSince;

        Turn(KafkaConsumer<String, byte[]> consumer, BatchesInOrder<TopicPartition> inOrder) {
            this.consumer = consumer;
            this.inOrder = inOrder;
        }

        void once() {
            commit();
            if (inOrder.inFlight() >= writesInFlight) {
                awaitAFinishedBatch();
                return;
            }
            finished.drainPermits(); // a slot is free: finishes already seen must not cut a later wait short
            pauseOrResume(switchPaused);
            pausedBySwitch = switchPaused;
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
            if (!records.isEmpty()) {
                fullSince = 0;
                hand(records);
            }
        }

        /**
         * All write slots are taken: waits for a batch to finish instead of polling, so nothing is fetched that
         * would wait. The heartbeat runs on its own thread; if the wait lasts (a database outage), the partitions are
         * paused and polled, so the consumer keeps its place in the group however long the outage lasts.
         */
        private void awaitAFinishedBatch() {
            if (fullSince == 0) {
                fullSince = System.nanoTime();
            }
            try {
                finished.tryAcquire(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                return;
            }
            if (inOrder.inFlight() >= writesInFlight && System.nanoTime() - fullSince > KEEP_IN_GROUP_AFTER.toNanos()) {
                pauseOrResume(true);
                consumer.poll(Duration.ZERO); // returns nothing: every partition is paused
            }
        }

        private void pauseOrResume(boolean pause) {
            if (pause != paused) {
                if (pause) {
                    consumer.pause(consumer.assignment());
                } else {
                    consumer.resume(consumer.assignment());
                }
                paused = pause;
            }
        }

        private void hand(ConsumerRecords<String, byte[]> records) {
            List<ConsumerRecord<String, byte[]>> list = new ArrayList<>(records.count());
            Map<TopicPartition, Long> next = new HashMap<>();
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<String, byte[]>> of = records.records(partition);
                list.addAll(of);
                next.put(partition, of.get(of.size() - 1).offset() + 1);
            }
            BatchesInOrder.Batch<TopicPartition> batch = inOrder.add(next);
            batches.ingest(list, group).subscribe().with(done -> {
                batch.finish();
                finished.release();
            }, failure -> fail(failure));
        }

        private void commit() {
            Map<TopicPartition, Long> offsets = inOrder.takeCommittable();
            if (offsets.isEmpty()) {
                return;
            }
            consumer.commitAsync(toKafka(offsets), (committed, e) -> {
                if (e == null) {
                    inOrder.committed(offsets);
                } else {
                    LOG.debugf("committing offsets of %s failed, retried with the next commit: %s", topic, e.toString());
                    inOrder.retry(offsets);
                }
            });
        }

        /** Waits for the batches being written (bounded), then commits their offsets synchronously. */
        void settle() {
            long until = System.nanoTime() + SETTLE.toNanos();
            while (inOrder.inFlight() > 0 && System.nanoTime() < until) {
                try {
                    finished.tryAcquire(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            Map<TopicPartition, Long> offsets = inOrder.takeCommittable();
            if (!offsets.isEmpty()) {
                try {
                    consumer.commitSync(toKafka(offsets));
                    inOrder.committed(offsets);
                } catch (RuntimeException e) {
                    LOG.warnf("offsets of %s not committed (%s): those records will be read again, and skipped as stored",
                            topic, e.toString());
                }
            }
            if (inOrder.inFlight() > 0) {
                LOG.warnf("%d batch(es) of %s still being written; they will be read again, and skipped as stored",
                        inOrder.inFlight(), topic);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                settle();
            }
            inOrder.clear();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            inOrder.clear();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused && !partitions.isEmpty()) {
                consumer.pause(Set.copyOf(partitions));
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> toKafka(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        offsets.forEach((p, o) -> m.put(p, new OffsetAndMetadata(o)));
        return m;
    }
}
