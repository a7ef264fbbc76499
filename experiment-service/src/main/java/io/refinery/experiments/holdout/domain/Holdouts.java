package io.refinery.experiments.holdout.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.refinery.experiments.analysis.results.ExperimentResults;
import io.refinery.experiments.experiment.domain.Decision;
import io.refinery.experiments.experiment.domain.Experiment;
import io.refinery.experiments.experiment.domain.ExperimentEvaluator;
import io.refinery.experiments.experiment.domain.ExperimentInput;
import io.refinery.experiments.experiment.domain.ExperimentLifecycle;
import io.refinery.experiments.experiment.domain.ExperimentPlan;
import io.refinery.experiments.experiment.domain.ExperimentService;
import io.refinery.experiments.experiment.domain.ExperimentState;
import io.refinery.experiments.experiment.domain.ShippedChanges;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/**
 * Holdouts per AI system: a share of the system's units kept out of every experiment and rollout started after the
 * holdout began, so that the cumulative impact of everything that ships meanwhile can be measured against them. A
 * holdout is an experiment of kind HOLDOUT, created RUNNING (control: the held-out units; treatment: everyone else),
 * so exposures, outcomes and results work as for any experiment; it is never shipped, only released (by a person, or
 * by the clocked checks at its max duration). One runs per system at a time: creating a second is a 409.
 */
@ApplicationScoped
public class Holdouts {

    private static final String LOCK = "select count(*) from (select pg_advisory_xact_lock(hashtext(?1))) l";
    private static final String ACTIVE = "systemKey = ?1 and kind = ?2 and state in ?3";

    /** A holdout with its results now and what shipped on its system since it began. */
    public record Reading(Experiment holdout, ExperimentResults results, List<ShippedChanges.Change> shipped) {
    }

    private final ExperimentService experiments;
    private final ExperimentLifecycle lifecycle;
    private final ExperimentEvaluator evaluator;
    private final ShippedChanges shipped;

    public Holdouts(ExperimentService experiments, ExperimentLifecycle lifecycle, ExperimentEvaluator evaluator,
            ShippedChanges shipped) {
        this.experiments = experiments;
        this.lifecycle = lifecycle;
        this.evaluator = evaluator;
        this.shipped = shipped;
    }

    /** Creates and starts a holdout; 409 when the system runs one already or the key is taken. */
    @WithTransaction
    public Uni<Experiment> create(HoldoutInput input, String actor) {
        ExperimentPlan plan = HoldoutPlans.of(input);
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(LOCK).setParameter(1, "experiments.holdout:" + plan.systemKey())
                        .getSingleResult().replaceWithVoid())
                .flatMap(locked -> Experiment.<Experiment> find(ACTIVE, plan.systemKey(), ExperimentInput.Kind.HOLDOUT,
                        List.of(ExperimentState.DRAFT, ExperimentState.RUNNING)).<Experiment> firstResult())
                .flatMap(running -> {
                    if (running != null) {
                        throw new ConflictProblem("systemKey", "system '" + plan.systemKey() + "' runs holdout '"
                                + running.key + "' already; release it first");
                    }
                    return experiments.create(plan, actor);
                })
                .flatMap(e -> lifecycle.start(e.key, actor));
    }

    /** The holdout with its results and what shipped since it began. */
    @WithSession
    public Uni<Reading> read(String key) {
        return find(key).flatMap(e -> {
            Instant until = e.stoppedAt != null ? e.stoppedAt : Instant.now();
            return evaluator.results(e, e.state != ExperimentState.RUNNING).flatMap(results -> shipped
                    .between(e.systemKey, e.startedAt, until.plusMillis(1)).map(changes -> new Reading(e, results, changes)));
        });
    }

    /** Holdouts by key, optionally of one system. */
    @WithSession
    public Uni<List<Experiment>> page(String systemKey, String afterKey, int limit) {
        StringBuilder q = new StringBuilder("kind = :kind");
        Map<String, Object> params = new HashMap<>();
        params.put("kind", ExperimentInput.Kind.HOLDOUT);
        if (systemKey != null) {
            q.append(" and systemKey = :system");
            params.put("system", systemKey);
        }
        if (afterKey != null) {
            q.append(" and key > :after");
            params.put("after", afterKey);
        }
        return Experiment.<Experiment> find(q.toString(), Sort.by("key"), params).range(0, limit - 1).list();
    }

    /** Ends a holdout: its units get every change from now on (concluded RELEASE, with a final reading). */
    @WithSession
    public Uni<Experiment> release(String key, String actor, String rationale) {
        return find(key).flatMap(r -> lifecycle.conclude(key, actor, Decision.RELEASE.toString(),
                rationale == null || rationale.isBlank() ? "holdout released" : rationale));
    }

    @WithSession
    Uni<Experiment> find(String key) {
        return Experiment.<Experiment> find("key = ?1 and kind = ?2", key, ExperimentInput.Kind.HOLDOUT).firstResult()
                .onItem().ifNull().failWith(() -> new NotFoundProblem("no holdout with key '" + key + "'"));
    }
}
