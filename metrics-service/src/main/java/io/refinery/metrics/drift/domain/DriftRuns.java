package io.refinery.metrics.drift.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.systems.KnownSystems;

/** Reads drift run history (newest first) and records retrains. */
@ApplicationScoped
public class DriftRuns {

    /** Position after which a page starts: the last run of the previous page. */
    public record After(Instant evaluatedAt, UUID id) {
    }

    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    private final KnownSystems systems;

    public DriftRuns(KnownSystems systems) {
        this.systems = systems;
    }

    /** Runs of one monitor (kept after it is retired: 404 only for an id never used). */
    @WithSession
    public Uni<List<DriftRun>> ofMonitor(UUID monitorId, After after, int limit) {
        return DriftMonitor.<DriftMonitor> findById(monitorId).onItem().ifNull()
                .failWith(() -> new NotFoundProblem("no drift monitor with id " + monitorId))
                .flatMap(m -> page("monitorId", monitorId, after, limit));
    }

    /** Runs of every monitor of one system, or of all systems. */
    @WithSession
    public Uni<List<DriftRun>> ofSystem(String systemKey, After after, int limit) {
        return page(systemKey == null ? null : "systemKey", systemKey, after, limit);
    }

    private Uni<List<DriftRun>> page(String field, Object value, After after, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (field != null) {
            q.append(" and ").append(field).append(" = :value");
            params.put("value", value);
        }
        if (after != null) {
            q.append(" and (evaluatedAt < :at or (evaluatedAt = :at and id < :id))");
            params.put("at", after.evaluatedAt());
            params.put("id", after.id());
        }
        return DriftRun.<DriftRun> find(q.toString(), Sort.descending("evaluatedAt", "id"), params).range(0, limit - 1)
                .list();
    }

    /** Records a retrain of a known system; {@code at} defaults to now and may not be in the future. */
    @WithTransaction
    public Uni<DriftRetrain> recordRetrain(String systemKey, Instant at, String note, String actor) {
        Instant now = Instant.now();
        if (at != null && at.isAfter(now.plus(MAX_FUTURE))) {
            return Uni.createFrom().failure(new InvalidFieldsProblem(List.of(new FieldIssue("at",
                    "must not be in the future"))));
        }
        if (note != null && note.length() > 1000) {
            return Uni.createFrom().failure(new InvalidFieldsProblem(List.of(new FieldIssue("note",
                    "must have at most 1000 characters"))));
        }
        return systems.require(systemKey, "key").flatMap(system -> {
            DriftRetrain retrain = new DriftRetrain();
            retrain.id = UUID.randomUUID();
            retrain.systemKey = systemKey;
            retrain.at = at == null ? now : at;
            retrain.note = note;
            retrain.recordedBy = actor;
            retrain.recordedAt = now;
            return retrain.persist();
        });
    }
}
