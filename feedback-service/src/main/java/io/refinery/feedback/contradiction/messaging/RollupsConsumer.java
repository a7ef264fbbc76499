package io.refinery.feedback.contradiction.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.feedback.contradiction.domain.ClosedPeriod;
import io.refinery.feedback.contradiction.domain.Contradictions;
import io.refinery.platform.events.ReceivedEvent;
import io.refinery.platform.events.RollupClosed;
import io.refinery.platform.events.RollupEvents;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;

/**
 * Reads metrics-service's closed periods ({@link RollupClosed}, the shared contract) from refinery.metrics.rollups
 * and hands each to {@link Contradictions} once: the processed-event ledger, the stored rollup, a contradiction and
 * its outgoing events all commit in one transaction, and the offset is committed after it. Other event types on the topic are skipped; unreadable
 * records go to refinery.metrics.rollups.dlq; a database outage is retried until it ends ({@link ConsumerPolicy}).
 */
@ApplicationScoped
public class RollupsConsumer {

    static final String CHANNEL = "rollups";

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final Contradictions contradictions;
    private final ConsumerPolicy policy;

    public RollupsConsumer(ObjectMapper mapper, ProcessedEvents processed, Contradictions contradictions,
            ConsumerPolicy policy) {
        this.mapper = mapper;
        this.processed = processed;
        this.contradictions = contradictions;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return policy.handle(CHANNEL, record, value -> RollupEvents.read(mapper, value), this::applyOnce);
    }

    @WithTransaction
    Uni<UUID> applyOnce(ReceivedEvent<RollupClosed> event) {
        RollupClosed r = event.data();
        return processed.markNew(CHANNEL, event.id()).flatMap(isNew -> isNew
                ? contradictions.onRollup(new ClosedPeriod(r.systemKey(), r.metric(), r.period(), r.start(), r.end(),
                        r.value(), r.samples()))
                : Uni.createFrom().<UUID> nullItem());
    }
}
