package io.refinery.oversight.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the outbox to Kafka. Every replica runs it, but a transaction-scoped advisory lock lets only one
 * publish at a time, so events about one key keep their order (DESIGN.md section 7). Rows are sent in
 * {@code seq} order, the producer is idempotent, and a row is stamped only after the broker acknowledged it;
 * a crash between ack and stamp re-sends, which idempotent consumers absorb.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String LOCK = "select pg_try_advisory_xact_lock(hashtext('oversight.outbox-relay')) as locked";
    private static final String PENDING = "select id, topic, record_key, payload from oversight.outbox"
            + " where published_at is null order by seq limit $1";
    private static final String STAMP = "update oversight.outbox set published_at = now() where id = any($1)";
    private static final String BACKLOG = "select count(*) as pending from oversight.outbox where published_at is null";
    private static final String PURGE = "delete from oversight.outbox where published_at < now() - make_interval(days => $1)";

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final int retentionDays;
    private final Counter published;
    private volatile double backlog;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter,
            @ConfigProperty(name = "refinery.outbox.batch-size", defaultValue = "200") int batchSize,
            @ConfigProperty(name = "refinery.outbox.retention-days", defaultValue = "7") int retentionDays,
            MeterRegistry registry) {
        this.pool = pool;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.retentionDays = retentionDays;
        this.published = Counter.builder("refinery_outbox_published").description("Outbox events published to Kafka")
                .register(registry);
        registry.gauge("refinery_outbox_backlog", List.of(), this, OutboxRelay::lastBacklog);
    }

    private double lastBacklog() {
        return backlog;
    }

    @Scheduled(every = "${refinery.outbox.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return publishPending()
                .onFailure().invoke(e -> LOG.warnf("outbox relay pass failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Runs a pass now, without waiting for the next tick: called right after a transaction that wrote events has
     * committed, so they reach Kafka in milliseconds rather than up to a second later. Failures are left to the
     * next tick.
     */
    public void nudge() {
        publishPending().subscribe().with(n -> { }, e -> LOG.debugf("outbox nudge failed, the next tick retries: %s", e));
    }

    /** One relay pass; returns how many events were published (0 when another replica holds the lock). */
    public Uni<Integer> publishPending() {
        return pool.withTransaction(conn -> conn.query(LOCK).execute()
                .flatMap(lock -> lock.iterator().next().getBoolean("locked")
                        ? publishBatch(conn)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishBatch(SqlConnection conn) {
        return conn.preparedQuery(PENDING).execute(Tuple.of(batchSize)).flatMap(rows -> {
            List<Uni<Void>> sends = new ArrayList<>();
            List<UUID> ids = new ArrayList<>();
            for (Row row : rows) {
                ids.add(row.getUUID("id"));
                sends.add(send(row.getString("topic"), row.getString("record_key"), row.getString("payload")));
            }
            if (ids.isEmpty()) {
                backlog = 0;
                return Uni.createFrom().item(0);
            }
            return Uni.join().all(sends).andFailFast()
                    .flatMap(acked -> conn.preparedQuery(STAMP).execute(Tuple.of(ids.toArray(new UUID[0]))))
                    .invoke(() -> published.increment(ids.size()))
                    .flatMap(stamped -> conn.query(BACKLOG).execute())
                    .invoke(count -> backlog = count.iterator().next().getLong("pending"))
                    .replaceWith(ids.size());
        });
    }

    private Uni<Void> send(String topic, String key, String payload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(topic).withKey(key).withHeaders(headers).build();
        return emitter.sendMessage(Message.of(payload).addMetadata(metadata));
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purgePublished() {
        return pool.preparedQuery(PURGE).execute(Tuple.of(retentionDays)).replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
