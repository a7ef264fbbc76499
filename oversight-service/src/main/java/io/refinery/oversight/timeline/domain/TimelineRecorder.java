package io.refinery.oversight.timeline.domain;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.refinery.oversight.timeline.summary.EventCategory;
import io.refinery.oversight.timeline.summary.EventSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps an event of another service for the system timeline and the learnings report: its category, a readable line
 * and its data as published. Idempotent on the CloudEvent id.
 */
@ApplicationScoped
public class TimelineRecorder {

    /**
     * An event as read off a topic.
     *
     * @param event its data as the topic's shared contract reads it, or null for a type the contract does not know
     * @param data  its data as published, which is what is kept
     */
    public record Heard(String eventId, String systemKey, Instant occurredAt, String source, String type, Object event,
            JsonNode data) {
    }

    private static final String INSERT = """
            insert into oversight.timeline_events (event_id, system_key, occurred_at, source, type, category, summary, data,
              received_at) values ($1, $2, $3, $4, $5, $6, $7, $8, now())
            on conflict (event_id) do nothing
            """;

    private final Pool pool;

    public TimelineRecorder(Pool pool) {
        this.pool = pool;
    }

    /** True when the event is new. */
    public Uni<Boolean> record(Heard e) {
        Tuple row = Tuple.tuple()
                .addString(e.eventId())
                .addString(e.systemKey())
                .addOffsetDateTime(e.occurredAt().atOffset(ZoneOffset.UTC))
                .addString(e.source())
                .addString(e.type())
                .addString(EventCategory.ofType(e.type()).name())
                .addString(EventSummary.ofEvent(e.type(), e.event()))
                .addValue(new JsonObject(e.data().toString()));
        return pool.preparedQuery(INSERT).execute(row).map(rows -> rows.rowCount() == 1);
    }
}
