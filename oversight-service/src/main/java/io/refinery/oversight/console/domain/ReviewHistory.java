package io.refinery.oversight.console.domain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A request's history: the audit log's entries about it (submitted, claimed, approvals, decided, escalated, session
 * notes), oldest first. Read through the audit log's index on (system_key, seq).
 */
@ApplicationScoped
public class ReviewHistory {

    static final int LIMIT = 200;
    private static final String ENTRIES = "select seq, occurred_at, actor, action, details from oversight.audit_log"
            + " where system_key = $1 and subject_id = $2 order by seq limit $3";

    private final Pool pool;
    private final ObjectMapper mapper;

    public ReviewHistory(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<List<HistoryEntry>> of(String systemKey, UUID reviewId) {
        return pool.preparedQuery(ENTRIES).execute(Tuple.of(systemKey, reviewId.toString(), LIMIT)).map(rows -> {
            List<HistoryEntry> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new HistoryEntry(r.getLong("seq"), Stamp.of(r.getOffsetDateTime("occurred_at").toInstant()),
                        r.getString("actor"), Labels.constant(r.getString("action")), details(r.getString("details"))));
            }
            return out;
        });
    }

    /** The details as "key: value" pairs in one line, or empty. */
    String details(String json) {
        try {
            JsonNode node = mapper.readTree(json == null ? "{}" : json);
            List<String> parts = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String value = ReadableJson.text(e.getValue());
                if (!value.isBlank()) {
                    parts.add(Labels.field(e.getKey()) + ": " + value);
                }
            }
            return String.join("; ", parts);
        } catch (Exception e) {
            return json;
        }
    }
}
