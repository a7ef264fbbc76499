package io.refinery.metrics.drift.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Reads detected drifts, newest first, with the reviewers' decisions on them. */
@ApplicationScoped
public class DriftDetectionLog {

    /** Position after which a page starts: the last detection of the previous page. */
    public record After(Instant detectedAt, UUID id) {
    }

    @WithSession
    public Uni<List<DriftDetection>> page(String systemKey, String kind, After after, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (systemKey != null) {
            q.append(" and systemKey = :system");
            params.put("system", systemKey);
        }
        if (kind != null) {
            q.append(" and kind = :kind");
            params.put("kind", kind);
        }
        if (after != null) {
            q.append(" and (detectedAt < :at or (detectedAt = :at and id < :id))");
            params.put("at", after.detectedAt());
            params.put("id", after.id());
        }
        return DriftDetection.<DriftDetection> find(q.toString(), Sort.descending("detectedAt", "id"), params)
                .range(0, limit - 1).list();
    }
}
