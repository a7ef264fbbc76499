package io.refinery.metrics.alerting.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.problem.NotFoundProblem;

/** Reads alerts, newest first. */
@ApplicationScoped
public class AlertQueries {

    /** Position after which a page starts: the last alert of the previous page. */
    public record After(Instant openedAt, UUID id) {
    }

    @WithSession
    public Uni<Alert> get(UUID id) {
        return Alert.<Alert> findById(id).onItem().ifNull().failWith(() -> new NotFoundProblem("no alert with id " + id));
    }

    @WithSession
    public Uni<List<Alert>> page(Alert.State state, String systemKey, After after, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (state != null) {
            q.append(" and state = :state");
            params.put("state", state);
        }
        if (systemKey != null) {
            q.append(" and systemKey = :system");
            params.put("system", systemKey);
        }
        if (after != null) {
            q.append(" and (openedAt < :openedAt or (openedAt = :openedAt and id < :id))");
            params.put("openedAt", after.openedAt());
            params.put("id", after.id());
        }
        return Alert.<Alert> find(q.toString(), Sort.descending("openedAt", "id"), params).range(0, limit - 1).list();
    }
}
