package io.refinery.feedback.contradiction.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of stored contradictions, newest first, keyset-paged on (detected_at, id). */
@ApplicationScoped
public class ContradictionQueries {

    private static final String ONE = "select * from feedback.contradictions where id = $1";

    private final Pool pool;

    public ContradictionQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<ContradictionView>> list(String systemKey, Instant afterTime, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("select * from feedback.contradictions where true");
        List<Object> args = new ArrayList<>();
        if (systemKey != null) {
            args.add(systemKey);
            sql.append(" and system_key = $").append(args.size());
        }
        if (afterTime != null) {
            args.add(afterTime.atOffset(ZoneOffset.UTC));
            args.add(afterId);
            sql.append(" and (detected_at, id) < ($").append(args.size() - 1).append(", $").append(args.size()).append(")");
        }
        args.add(limit);
        sql.append(" order by detected_at desc, id desc limit $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.tuple(args)).map(rows -> {
            List<ContradictionView> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(view(r));
            }
            return out;
        });
    }

    public Uni<ContradictionView> get(UUID id) {
        return pool.preparedQuery(ONE).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw new NotFoundProblem("no contradiction with id " + id);
            }
            return view(rows.iterator().next());
        });
    }

    static ContradictionView view(Row r) {
        return new ContradictionView(r.getUUID("id"), r.getString("system_key"), r.getString("metric"),
                r.getString("polarity"), r.getString("kind"), r.getString("period"), instant(r, "window_start"),
                instant(r, "period_start"), instant(r, "period_end"), list(r.getValue("metric_values")),
                r.getDouble("metric_z"), r.getDouble("metric_p"), r.getLong("items_now"), r.getLong("negative_now"),
                r.getLong("items_before"), r.getLong("negative_before"), r.getDouble("sentiment_z"),
                r.getDouble("sentiment_p"), list(r.getValue("themes")), list(r.getValue("examples")),
                r.getString("summary"), r.getUUID("event_id"), r.getUUID("oversight_request_id"), instant(r, "detected_at"));
    }

    private static Instant instant(Row r, String column) {
        return r.getOffsetDateTime(column).toInstant();
    }

    private static List<?> list(Object json) {
        return json instanceof JsonArray a ? a.getList() : List.of();
    }
}
