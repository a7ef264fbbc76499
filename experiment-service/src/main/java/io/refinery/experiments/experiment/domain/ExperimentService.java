package io.refinery.experiments.experiment.domain;

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
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.problem.UnprocessableProblem;
import io.refinery.platform.systems.KnownSystems;

/** Creates, changes (while DRAFT) and lists experiments. */
@ApplicationScoped
public class ExperimentService {

    private final ExperimentJson json;
    private final KnownSystems systems;

    public ExperimentService(ExperimentJson json, KnownSystems systems) {
        this.json = json;
        this.systems = systems;
    }

    @WithTransaction
    public Uni<Experiment> create(ExperimentInput input, String actor) {
        return create(ExperimentPlan.of(input), actor);
    }

    /** Creates a DRAFT experiment from a checked plan (in the caller's transaction, if any). */
    @WithTransaction
    public Uni<Experiment> create(ExperimentPlan plan, String actor) {
        return requireSystem(plan.systemKey())
                .flatMap(ok -> Experiment.count("key", plan.key()))
                .flatMap(taken -> {
                    if (taken > 0) {
                        return Uni.createFrom().failure(new ConflictProblem("key",
                                "an experiment with key '" + plan.key() + "' exists already"));
                    }
                    Instant now = Instant.now();
                    Experiment e = new Experiment();
                    e.id = UUID.randomUUID();
                    e.key = plan.key();
                    e.state = ExperimentState.DRAFT;
                    e.createdAt = now;
                    e.createdBy = actor;
                    apply(e, plan, now, actor);
                    return e.persist();
                });
    }

    /** Changes a DRAFT experiment's design; its key stays. */
    @WithTransaction
    public Uni<Experiment> update(String key, ExperimentInput input, String actor) {
        ExperimentPlan plan = ExperimentPlan.of(input);
        if (!plan.key().equals(key)) {
            throw new UnprocessableProblem("key", "cannot be changed (the path names '" + key + "')");
        }
        return find(key).call(e -> requireSystem(plan.systemKey())).map(e -> {
            if (e.state != ExperimentState.DRAFT) {
                throw new ConflictProblem("state", "only a DRAFT experiment can be changed; this one is " + e.state);
            }
            apply(e, plan, Instant.now(), actor);
            return e;
        });
    }

    @WithSession
    public Uni<Experiment> get(String key) {
        return find(key);
    }

    @WithSession
    public Uni<List<Experiment>> page(String systemKey, ExperimentState state, String afterKey, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (systemKey != null) {
            q.append(" and systemKey = :system");
            params.put("system", systemKey);
        }
        if (state != null) {
            q.append(" and state = :state");
            params.put("state", state);
        }
        if (afterKey != null) {
            q.append(" and key > :after");
            params.put("after", afterKey);
        }
        return Experiment.<Experiment> find(q.toString(), Sort.by("key"), params).range(0, limit - 1).list();
    }

    /** Inside a session. */
    static Uni<Experiment> find(String key) {
        return Experiment.<Experiment> find("key", key).firstResult().onItem().ifNull()
                .failWith(() -> new NotFoundProblem("no experiment with key '" + key + "'"));
    }

    private Uni<Boolean> requireSystem(String systemKey) {
        return systems.require(systemKey, "systemKey").replaceWith(true);
    }

    private void apply(Experiment e, ExperimentPlan plan, Instant now, String actor) {
        e.systemKey = plan.systemKey();
        e.kind = plan.kind();
        e.hypothesis = plan.hypothesis();
        e.unitType = plan.unitType();
        e.trafficFraction = plan.trafficFraction();
        e.variants = json.write(plan.variants());
        e.primaryMetric = json.write(plan.primaryMetric());
        e.guardrails = json.write(plan.guardrails());
        e.alpha = plan.alpha();
        e.power = plan.power();
        e.analysis = plan.analysis();
        e.correction = plan.correction();
        e.maxDuration = plan.maxDuration();
        e.expectedDailyUnits = plan.expectedDailyUnits();
        e.requiredUnitsPerVariant = plan.requiredUnitsPerVariant();
        e.requiredDays = plan.requiredDays();
        e.warnings = json.write(plan.warnings());
        e.bandit = plan.bandit() == null ? null : json.write(plan.bandit());
        e.updatedAt = now;
        e.updatedBy = actor;
    }
}
