package io.refinery.feedback.intake.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Set-based writes and reads of analysed (already redacted) feedback items on the reactive client. */
@ApplicationScoped
public class FeedbackStore {

    static final String INSERT = """
            insert into feedback.feedback_items (id, system_key, channel, segment, text, rating, locale, occurred_at,
                                                 source, debrief, sentiment, sentiment_label, themes, received_at,
                                                 client_id)
            select u.id, u.system_key, u.channel, u.segment, u.text, u.rating, u.locale, u.occurred_at,
                   u.source::jsonb, u.debrief::jsonb, u.sentiment, u.label,
                   case when u.themes = '' then '{}'::text[] else string_to_array(u.themes, ',') end, now(), u.client_id
            from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[],
                        $8::timestamptz[], $9::text[], $10::text[], $11::float8[], $12::text[], $13::text[], $14::text[])
                 as u(id, system_key, channel, segment, text, rating, locale, occurred_at, source, debrief, sentiment,
                      label, themes, client_id)
            on conflict (id) do nothing
            returning system_key, channel
            """;
    private static final String KNOWN = "select system_key, kind from feedback.systems where system_key = any($1)";

    private final Pool pool;

    public FeedbackStore(Pool pool) {
        this.pool = pool;
    }

    /** The kind of each registered system among these keys (unknown keys are absent). */
    public Uni<Map<String, String>> kinds(Set<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(KNOWN).execute(Tuple.of(keys.toArray(new String[0]))).map(rows -> {
            Map<String, String> out = new HashMap<>();
            for (Row r : rows) {
                out.put(r.getString("system_key"), r.getString("kind"));
            }
            return out;
        });
    }

    /** Inserts in one statement (atomic); returns the (system, channel) of each row that was new. */
    public Uni<List<String[]>> insert(List<AnalysedItem> items) {
        return insert(pool, items);
    }

    /** The same write on a given client (a transaction's connection). */
    public Uni<List<String[]>> insert(SqlClient client, List<AnalysedItem> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = items.size();
        UUID[] ids = new UUID[n];
        String[] systems = new String[n];
        String[] channels = new String[n];
        String[] segments = new String[n];
        String[] texts = new String[n];
        Double[] ratings = new Double[n];
        String[] locales = new String[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        String[] sources = new String[n];
        String[] debriefs = new String[n];
        Double[] sentiments = new Double[n];
        String[] labels = new String[n];
        String[] themes = new String[n];
        String[] clientIds = new String[n];
        for (int i = 0; i < n; i++) {
            AnalysedItem a = items.get(i);
            ids[i] = a.id();
            systems[i] = a.systemKey();
            channels[i] = a.channel().name();
            segments[i] = a.segment();
            texts[i] = a.text();
            ratings[i] = a.rating();
            locales[i] = a.locale();
            occurred[i] = a.occurredAt().atOffset(ZoneOffset.UTC);
            sources[i] = a.sourceJson();
            debriefs[i] = a.debriefJson();
            sentiments[i] = a.sentiment();
            labels[i] = a.sentimentLabel();
            themes[i] = String.join(",", a.themes());
            clientIds[i] = a.clientId();
        }
        Tuple args = Tuple.tuple(List.of(ids, systems, channels, segments, texts, ratings, locales, occurred, sources,
                debriefs, sentiments, labels, themes, clientIds));
        return client.preparedQuery(INSERT).execute(args).map(rows -> {
            List<String[]> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new String[] { r.getString(0), r.getString(1) });
            }
            return out;
        });
    }
}
