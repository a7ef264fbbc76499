package io.refinery.experiments.experiment.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.experiments.analysis.results.BanditPolicy;
import io.refinery.experiments.analysis.results.ExperimentResults;
import io.refinery.experiments.experiment.design.BanditSpec;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/**
 * Recomputes bandits' weights ({@link BanditPolicy}) and stores each version: on the clock, every {@code updateEvery}
 * after the last version, and on request. The experiment row is locked (FOR UPDATE SKIP LOCKED on the clock), so each
 * version is computed once across replicas.
 */
@ApplicationScoped
public class BanditUpdates {

    private static final String CLAIM_DUE = """
            select * from experiments.experiments e
             where e.state = 'RUNNING' and e.bandit is not null
               and coalesce((select max(w.computed_at) from experiments.bandit_weights w where w.experiment_id = e.id),
                            '-infinity'::timestamptz) + cast(cast(e.bandit as jsonb)->>'updateEvery' as interval) <= ?1
             order by e.key limit 1 for update skip locked""";

    private final ExperimentEvaluator evaluator;
    private final BanditWeights weights;
    private final ExperimentJson json;

    public BanditUpdates(ExperimentEvaluator evaluator, BanditWeights weights, ExperimentJson json) {
        this.evaluator = evaluator;
        this.weights = weights;
        this.json = json;
    }

    /** The first version, the declared weights, inside the caller's transaction (the experiment starts). */
    Uni<Void> start(Experiment e, Instant at) {
        return weights.append(e.id, 0, at, BanditPolicy.start(json.design(e)), Map.of());
    }

    /** Claims one bandit due for new weights and steps it; false when none is due. */
    @WithTransaction
    public Uni<Boolean> stepNextDue(Instant now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(CLAIM_DUE, Experiment.class).setParameter(1, now).getResultList())
                .flatMap(due -> due.isEmpty() ? Uni.createFrom().item(false) : step(due.get(0), now).replaceWith(true));
    }

    /** Recomputes a running bandit's weights now, whatever its clock says. */
    @WithTransaction
    public Uni<BanditPolicy.Step> stepNow(String key, Instant now) {
        return Experiment.<Experiment> find("key", key).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> new NotFoundProblem("no experiment with key '" + key + "'"))
                .flatMap(e -> {
                    if (e.bandit == null) {
                        throw new ConflictProblem("bandit", "experiment '" + key + "' has fixed weights, not a bandit");
                    }
                    if (e.state != ExperimentState.RUNNING) {
                        throw new ConflictProblem("state", "only a RUNNING bandit is reweighted; this one is " + e.state);
                    }
                    return step(e, now);
                });
    }

    private Uni<BanditPolicy.Step> step(Experiment e, Instant now) {
        BanditSpec spec = json.bandit(e);
        return weights.history(e.id).flatMap(history -> evaluator.results(e, false).flatMap(results -> {
            BanditWeights.Stored last = history.get(history.size() - 1);
            BanditPolicy.Step step = BanditPolicy.next(json.design(e), spec, results, last.weights());
            return weights.append(e.id, last.version() + 1, now, step, units(results)).replaceWith(step);
        }));
    }

    private static Map<String, Long> units(ExperimentResults results) {
        Map<String, Long> units = new LinkedHashMap<>();
        results.variants().forEach(v -> units.put(v.variant(), v.units()));
        return units;
    }
}
