package io.refinery.oversight.timeline.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.timeline.summary.EventCategory;
import io.refinery.oversight.timeline.summary.EventSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A system's timeline: the events heard from the other services ({@link TimelineRecorder}) merged with this
 * service's own audit log (requests, decisions, escalations, policy changes), in time order.
 */
@ApplicationScoped
public class SystemTimeline {

    /** One entry; {@code id} is {@code event:<CloudEvent id>} or {@code audit:<seq>}. */
    public record Entry(String id, Instant at, EventCategory category, String type, String source, String summary,
            String actor, JsonNode data) {
    }

    /** The window, the categories shown, the order and where a page starts. */
    public record Query(String systemKey, Instant from, Instant to, Set<EventCategory> categories, boolean newestFirst,
            Instant afterAt, String afterId, int limit) {
    }

    // audit ids are zero-padded so that text order is seq order inside one instant
    private static final String SELECT = """
            select * from (
              select e.occurred_at as occurred, 'event:' || e.event_id as id, e.category, e.type, e.source, e.summary,
                     e.data::text as data, null::text as actor, null::text as action_type
                from oversight.timeline_events e
               where e.system_key = $1 and e.occurred_at >= $2 and e.occurred_at < $3
              union all
              select a.occurred_at, 'audit:' || lpad(a.seq::text, 19, '0'), 'OVERSIGHT', a.action, 'oversight-service', null,
                     a.details, a.actor, r.action_type
                from oversight.audit_log a
                left join lateral (select action_type from oversight.reviews
                                    where id = case when a.action like 'REVIEW%%' then a.subject_id::uuid end) r on true
               where a.system_key = $1 and a.occurred_at >= $2 and a.occurred_at < $3
            ) t
            where category = any($4) %s
            order by occurred %s, id %s
            limit $7
            """;

    private final Pool pool;
    private final ObjectMapper mapper;

    public SystemTimeline(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<List<Entry>> page(Query q) {
        String direction = q.newestFirst() ? "desc" : "asc";
        String after = q.afterAt() == null ? "and $5::timestamptz is null and $6::text is null"
                : q.newestFirst() ? "and (occurred < $5 or (occurred = $5 and id < $6))" : "and (occurred > $5 or (occurred = $5 and id > $6))";
        String sql = SELECT.formatted(after, direction, direction);
        Tuple args = Tuple.tuple()
                .addString(q.systemKey())
                .addOffsetDateTime(q.from().atOffset(ZoneOffset.UTC))
                .addOffsetDateTime(q.to().atOffset(ZoneOffset.UTC))
                .addArrayOfString(q.categories().stream().map(Enum::name).toArray(String[]::new))
                .addOffsetDateTime(q.afterAt() == null ? null : q.afterAt().atOffset(ZoneOffset.UTC))
                .addString(q.afterId())
                .addInteger(q.limit());
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<Entry> entries = new ArrayList<>();
            for (Row row : rows) {
                entries.add(entry(row));
            }
            return entries;
        });
    }

    private Entry entry(Row row) {
        JsonNode data = json(row.getString("data"));
        EventCategory category = EventCategory.valueOf(row.getString("category"));
        String type = row.getString("type");
        String summary = category == EventCategory.OVERSIGHT
                ? EventSummary.ofAudit(type, data, row.getString("action_type"))
                : row.getString("summary");
        OffsetDateTime at = row.getOffsetDateTime("occurred");
        return new Entry(row.getString("id"), at.toInstant(), category, type, row.getString("source"), summary,
                row.getString("actor"), data);
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored timeline entry is unreadable", e);
        }
    }
}
