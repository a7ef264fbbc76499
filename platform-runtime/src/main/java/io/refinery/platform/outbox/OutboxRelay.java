package io.refinery.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import io.refinery.platform.messaging.BrokerHealth;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the service's outbox ({@code <refinery.outbox.schema>.outbox}) to Kafka through the {@code outbox}
 * channel. Every replica runs it, but a session-level advisory lock lets only one publish at a time, so events about
 * one key keep their order (DESIGN.md section 7). Rows go in {@code seq} order through an idempotent producer; each
 * row's {@code published_at} is the moment the broker acknowledged it, stamped after the sends, and no transaction
 * is open while the relay waits for the broker (a pass is bounded by {@code refinery.outbox.send-timeout}, and passes
 * are skipped while {@link BrokerHealth} says the broker does not answer). The send timeout must exceed the producer's
 * {@code delivery.timeout.ms}, so a send the relay gives up on has failed in the producer too and cannot arrive later
 * beside its re-send; the services give the producer 5 minutes, so that an outage shorter than that is ridden out by
 * the producer's own idempotent retries, which the broker deduplicates even for a record it stored but could not
 * acknowledge before going down. When only part of a batch is acknowledged,
 * the acknowledged events are stamped except those that follow an unacknowledged one for the same key
 * ({@link AckedPrefix}), so a key's events are never stamped out of order. A crash between ack and stamp re-sends,
 * which idempotent consumers absorb.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final BrokerHealth broker;
    private final int batchSize;
    private final int retentionDays;
    private final Duration sendTimeout;
    private final Counter published;
    private final String lock;
    private final String unlock;
    private final String pending;
    private final String stamp;
    private final String backlogQuery;
    private final String purge;
    private volatile double backlog;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter, BrokerHealth broker,
            @ConfigProperty(name = "refinery.outbox.schema") String schema,
            @ConfigProperty(name = "refinery.outbox.batch-size", defaultValue = "200") int batchSize,
            @ConfigProperty(name = "refinery.outbox.retention-days", defaultValue = "7") int retentionDays,
            @ConfigProperty(name = "refinery.outbox.send-timeout", defaultValue = "330s") Duration sendTimeout,
            MeterRegistry registry) {
        SchemaName.checked(schema);
        this.pool = pool;
        this.emitter = emitter;
        this.broker = broker;
        this.batchSize = batchSize;
        this.retentionDays = retentionDays;
        this.sendTimeout = sendTimeout;
        this.lock = "select pg_try_advisory_lock(hashtext('" + schema + ".outbox-relay')) as locked";
        this.unlock = "select pg_advisory_unlock(hashtext('" + schema + ".outbox-relay'))";
        this.pending = "select id, topic, record_key, payload from " + schema + ".outbox where published_at is null"
                + " order by seq limit $1";
        this.stamp = "update " + schema + ".outbox o set published_at = v.at"
                + " from unnest($1::uuid[], $2::timestamptz[]) as v(id, at) where o.id = v.id";
        this.backlogQuery = "select count(*) as pending from " + schema + ".outbox where published_at is null";
        this.purge = "delete from " + schema + ".outbox where published_at < now() - make_interval(days => $1)";
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
        if (!broker.isUp()) {
            return Uni.createFrom().voidItem();
        }
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
        if (!broker.isUp()) {
            return;
        }
        publishPending().subscribe().with(n -> { }, e -> LOG.debugf("outbox nudge failed, the next tick retries: %s", e));
    }

    /** One relay pass; returns how many events were published (0 when another replica holds the lock). */
    public Uni<Integer> publishPending() {
        return pool.withConnection(conn -> conn.query(lock).execute()
                .flatMap(rows -> rows.iterator().next().getBoolean("locked")
                        ? publishBatch(conn).eventually(() -> conn.query(unlock).execute().onFailure().recoverWithNull())
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishBatch(SqlConnection conn) {
        return conn.preparedQuery(pending).execute(Tuple.of(batchSize)).flatMap(rows -> {
            List<Uni<OffsetDateTime>> sends = new ArrayList<>();
            List<UUID> ids = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (Row row : rows) {
                ids.add(row.getUUID("id"));
                keys.add(row.getString("record_key"));
                sends.add(send(row.getString("topic"), row.getString("record_key"), row.getString("payload")));
            }
            if (ids.isEmpty()) {
                backlog = 0;
                return Uni.createFrom().item(0);
            }
            return Uni.join().all(sends).andFailFast().flatMap(ackedAt -> {
                List<Integer> done = AckedPrefix.stampable(keys, ackedAt);
                if (done.size() < ids.size()) {
                    LOG.warnf("outbox relay: the broker acknowledged %d of %d events; the rest (and what follows them "
                            + "for the same key) go again next pass", done.size(), ids.size());
                }
                UUID[] stampIds = done.stream().map(ids::get).toArray(UUID[]::new);
                OffsetDateTime[] stampAt = done.stream().map(ackedAt::get).toArray(OffsetDateTime[]::new);
                return (done.isEmpty() ? Uni.createFrom().voidItem()
                        : conn.preparedQuery(stamp).execute(Tuple.of(stampIds, stampAt)).replaceWithVoid())
                        .invoke(() -> published.increment(done.size()))
                        .flatMap(stamped -> conn.query(backlogQuery).execute())
                        .invoke(count -> backlog = count.iterator().next().getLong("pending"))
                        .replaceWith(done.size());
            });
        });
    }

    /** Sends one event; the item is the moment the broker acknowledged it, or null if it did not within the timeout. */
    private Uni<OffsetDateTime> send(String topic, String key, String payload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(topic).withKey(key).withHeaders(headers).build();
        return emitter.sendMessage(Message.of(payload).addMetadata(metadata))
                .map(acked -> OffsetDateTime.now(ZoneOffset.UTC))
                .ifNoItem().after(sendTimeout).fail()
                .onFailure().invoke(e -> LOG.debugf("outbox send to %s failed: %s", topic, e))
                .onFailure().recoverWithItem((OffsetDateTime) null);
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purgePublished() {
        return pool.preparedQuery(purge).execute(Tuple.of(retentionDays)).replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
