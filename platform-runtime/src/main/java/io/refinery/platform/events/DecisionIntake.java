package io.refinery.platform.events;

import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;

/**
 * What every service does with refinery.oversight.decisions: read each {@link DecisionMade} through
 * {@link DecisionEvents}, pass over decisions on action types the service does not own, and apply the others once, in
 * one transaction with the processed-event ledger (a redelivered decision changes nothing). Unreadable records go to
 * the topic's DLQ and a database outage is retried until it ends ({@link ConsumerPolicy}). A service's decisions
 * consumer says which action types it owns and what a decision does.
 */
@ApplicationScoped
public class DecisionIntake {

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final ConsumerPolicy policy;

    public DecisionIntake(ObjectMapper mapper, ProcessedEvents processed, ConsumerPolicy policy) {
        this.mapper = mapper;
        this.processed = processed;
        this.policy = policy;
    }

    /**
     * @param channel          the consumer's channel, also its name in the processed-event ledger
     * @param ownedActionTypes the action types of the requests this service sent
     * @param apply            what a decision on one of them does, inside the ledger's transaction
     */
    public Uni<Void> consume(String channel, ConsumerRecord<String, byte[]> record, Set<String> ownedActionTypes,
            Function<DecisionMade, Uni<?>> apply) {
        return policy.handle(channel, record, value -> {
            ReceivedEvent<DecisionMade> event = DecisionEvents.read(mapper, value);
            return ownedActionTypes.contains(event.data().actionType()) ? event : null;
        }, event -> applyOnce(channel, event, apply));
    }

    @WithTransaction
    Uni<Boolean> applyOnce(String channel, ReceivedEvent<DecisionMade> event, Function<DecisionMade, Uni<?>> apply) {
        return processed.markNew(channel, event.id()).flatMap(isNew -> isNew
                ? apply.apply(event.data()).replaceWith(true)
                : Uni.createFrom().item(false));
    }
}
