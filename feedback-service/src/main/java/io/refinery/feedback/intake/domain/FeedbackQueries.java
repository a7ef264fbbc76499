package io.refinery.feedback.intake.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of stored (redacted) feedback items, newest first, keyset-paged on (occurred_at, id). */
@ApplicationScoped
public class FeedbackQueries {

    /** Filters of {@code GET /api/v1/feedback}; null means any. */
    public record Filter(String systemKey, String theme, String channel, String segment, Instant from, Instant to) {
    }

    private final Pool pool;

    public FeedbackQueries(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} items after the cursor position ({@code occurredAt|id}), or from the newest. */
    public Uni<List<FeedbackView>> list(Filter f, Instant afterTime, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("select * from feedback.feedback_items where true");
        List<Object> args = new ArrayList<>();
        add(sql, args, " and system_key = $", f.systemKey());
        add(sql, args, " and channel = $", f.channel());
        add(sql, args, " and segment = $", f.segment());
        if (f.theme() != null) {
            args.add(new String[] { f.theme() });
            sql.append(" and themes @> $").append(args.size()).append("::text[]");
        }
        if (f.from() != null) {
            args.add(f.from().atOffset(ZoneOffset.UTC));
            sql.append(" and occurred_at >= $").append(args.size());
        }
        if (f.to() != null) {
            args.add(f.to().atOffset(ZoneOffset.UTC));
            sql.append(" and occurred_at < $").append(args.size());
        }
        if (afterTime != null) {
            args.add(afterTime.atOffset(ZoneOffset.UTC));
            args.add(afterId);
            sql.append(" and (occurred_at, id) < ($").append(args.size() - 1).append(", $").append(args.size()).append(")");
        }
        args.add(limit);
        sql.append(" order by occurred_at desc, id desc limit $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.tuple(args)).map(rows -> {
            List<FeedbackView> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(view(r));
            }
            return out;
        });
    }

    /** The item with this id, or null. */
    public Uni<FeedbackView> get(UUID id) {
        return pool.preparedQuery("select * from feedback.feedback_items where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
    }

    private static void add(StringBuilder sql, List<Object> args, String clause, String value) {
        if (value != null) {
            args.add(value);
            sql.append(clause).append(args.size());
        }
    }

    static FeedbackView view(Row r) {
        Object source = r.getValue("source");
        Object debrief = r.getValue("debrief");
        OffsetDateTime occurred = r.getOffsetDateTime("occurred_at");
        return new FeedbackView(r.getUUID("id"), r.getString("client_id"), r.getString("system_key"), r.getString("channel"), r.getString("segment"),
                r.getString("text"), r.getDouble("rating"), r.getString("locale"), occurred.toInstant(),
                source instanceof JsonObject j ? j.getMap() : null, debrief instanceof JsonObject j ? j.getMap() : null,
                r.getDouble("sentiment"), r.getString("sentiment_label"), Arrays.asList(r.getArrayOfStrings("themes")));
    }
}
