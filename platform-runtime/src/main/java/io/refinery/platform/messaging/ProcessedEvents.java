package io.refinery.platform.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.refinery.platform.outbox.SchemaName;
import io.smallrye.mutiny.Uni;

/**
 * The ledger of consumed event ids that makes every consumer idempotent (DESIGN.md section 4): the service's
 * {@code processed_events} table, in its own schema ({@code refinery.outbox.schema}, which holds the outbox too).
 */
@ApplicationScoped
public class ProcessedEvents {

    private final String mark;

    public ProcessedEvents(@ConfigProperty(name = "refinery.outbox.schema") String schema) {
        this.mark = "insert into " + SchemaName.checked(schema) + ".processed_events (consumer, event_id, processed_at)"
                + " values (?1, ?2, now()) on conflict do nothing";
    }

    /** Records the event in the caller's transaction; false when it was processed before (skip it). */
    public Uni<Boolean> markNew(String consumer, UUID eventId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(mark)
                .setParameter(1, consumer).setParameter(2, eventId).executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
