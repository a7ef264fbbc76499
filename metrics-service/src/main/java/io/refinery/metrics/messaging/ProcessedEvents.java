package io.refinery.metrics.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The ledger of consumed event ids that makes every consumer idempotent (DESIGN.md section 4). */
@ApplicationScoped
public class ProcessedEvents {

    private static final String MARK = "insert into metrics.processed_events (consumer, event_id, processed_at)"
            + " values (?1, ?2, now()) on conflict do nothing";

    /** Records the event in the caller's transaction; false when it was processed before (skip it). */
    public Uni<Boolean> markNew(String consumer, UUID eventId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(MARK)
                .setParameter(1, consumer).setParameter(2, eventId).executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
