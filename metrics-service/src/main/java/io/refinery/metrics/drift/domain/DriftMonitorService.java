package io.refinery.metrics.drift.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.refinery.metrics.drift.evaluation.MonitorWindows;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.problem.UnprocessableProblem;
import io.refinery.platform.systems.KnownSystems;

/** Creates, lists and retires drift monitors. */
@ApplicationScoped
public class DriftMonitorService {

    private static final TypeReference<List<MonitorFeature>> FEATURES = new TypeReference<>() {
    };

    private final DriftConfig config;
    private final ObjectMapper mapper;
    private final KnownSystems systems;

    public DriftMonitorService(DriftConfig config, ObjectMapper mapper, KnownSystems systems) {
        this.systems = systems;
        this.config = config;
        this.mapper = mapper;
    }

    @WithTransaction
    public Uni<DriftMonitor> create(DriftMonitorDraft draft, String actor) {
        return validated(draft).flatMap(ok -> {
            Instant now = Instant.now();
            DriftMonitor m = new DriftMonitor();
            m.id = UUID.randomUUID();
            m.systemKey = draft.systemKey();
            m.name = draft.name();
            m.features = json(draft.features());
            m.referenceFrom = draft.referenceFrom();
            m.referenceTo = draft.referenceTo();
            if (draft.trailing() != null) {
                m.referenceTrailingDays = DriftMonitorDraft.daysOf(draft.trailing());
                m.referenceLagDays = DriftMonitorDraft.daysOf(draft.lag());
            }
            m.currentDays = DriftMonitorDraft.daysOf(draft.current());
            m.method = draft.method();
            m.datasetDriftShare = draft.datasetDriftShare();
            m.multivariate = draft.multivariate();
            m.nextEvaluationAt = MonitorWindows.firstEvaluation(now, config.closeGrace());
            m.createdAt = now;
            m.createdBy = actor;
            m.updatedAt = now;
            m.updatedBy = actor;
            return m.persist();
        });
    }

    /**
     * Replaces a monitor's definition (its system stays). The schedule is kept; a monitor that was failing is retried at
     * the next scheduler tick, with its failure count reset, since the edit may be its fix.
     */
    @WithTransaction
    public Uni<DriftMonitor> update(UUID id, DriftMonitorDraft draft, String actor) {
        return validated(draft).flatMap(ok -> find(id)).map(m -> {
            if (!m.systemKey.equals(draft.systemKey())) {
                throw new UnprocessableProblem("systemKey", "a monitor stays with its AI system ('" + m.systemKey
                        + "'); create a new monitor for '" + draft.systemKey() + "'");
            }
            Instant now = Instant.now();
            m.name = draft.name();
            m.features = json(draft.features());
            m.referenceFrom = draft.referenceFrom();
            m.referenceTo = draft.referenceTo();
            m.referenceTrailingDays = draft.trailing() == null ? null : DriftMonitorDraft.daysOf(draft.trailing());
            m.referenceLagDays = draft.trailing() == null ? null : DriftMonitorDraft.daysOf(draft.lag());
            m.currentDays = DriftMonitorDraft.daysOf(draft.current());
            m.method = draft.method();
            m.datasetDriftShare = draft.datasetDriftShare();
            m.multivariate = draft.multivariate();
            if (m.failedAttempts > 0) {
                m.failedAttempts = 0;
                m.nextEvaluationAt = now;
            }
            m.updatedAt = now;
            m.updatedBy = actor;
            return m;
        });
    }

    @WithTransaction
    public Uni<Void> delete(UUID id, String actor) {
        return find(id).map(m -> {
            m.deletedAt = Instant.now();
            m.updatedAt = m.deletedAt;
            m.updatedBy = actor;
            return null;
        });
    }

    @WithSession
    public Uni<DriftMonitor> get(UUID id) {
        return find(id);
    }

    @WithSession
    public Uni<List<DriftMonitor>> page(String systemKey, UUID after, int limit) {
        StringBuilder q = new StringBuilder("deletedAt is null");
        Map<String, Object> params = new HashMap<>();
        if (systemKey != null) {
            q.append(" and systemKey = :system");
            params.put("system", systemKey);
        }
        if (after != null) {
            q.append(" and id > :after");
            params.put("after", after);
        }
        return DriftMonitor.<DriftMonitor> find(q.toString(), Sort.by("id"), params).range(0, limit - 1).list();
    }

    /** The features of a stored monitor. */
    public List<MonitorFeature> features(DriftMonitor monitor) {
        return features(mapper, monitor.features);
    }

    static List<MonitorFeature> features(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, FEATURES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored monitor features are unreadable", e);
        }
    }

    Uni<DriftMonitor> find(UUID id) {
        return DriftMonitor.<DriftMonitor> find("id = ?1 and deletedAt is null", id).firstResult().onItem().ifNull()
                .failWith(() -> new NotFoundProblem("no drift monitor with id " + id));
    }

    private Uni<Boolean> validated(DriftMonitorDraft draft) {
        List<FieldIssue> issues = draft.issues();
        if (!issues.isEmpty()) {
            return Uni.createFrom().failure(new InvalidFieldsProblem(issues));
        }
        return systems.require(draft.systemKey(), "systemKey").replaceWith(true);
    }

    private String json(List<MonitorFeature> features) {
        try {
            return mapper.writeValueAsString(features);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
