package io.refinery.experiments.experiment.domain;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.experiments.analysis.results.ExperimentResults;
import io.refinery.experiments.analysis.results.ResultsCalculator;
import io.refinery.experiments.experiment.design.AnalysisMethod;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/**
 * The clocked checks of running and stopped experiments, so that no test runs forever unevaluated:
 * <ul>
 *   <li>RUNNING past its max duration: evaluated, stopped and concluded with the recommended decision (trigger
 *       MAX_DURATION), a SHIP also asking oversight for the rollout;</li>
 *   <li>RUNNING, fixed horizon, every variant at the required sample: evaluated and stopped (SAMPLE_REACHED);</li>
 *   <li>RUNNING, SEQUENTIAL, a treatment across the always-valid boundary: evaluated and stopped
 *       (SEQUENTIAL_BOUNDARY); each check records the mSPRT look so the next one continues from it;</li>
 *   <li>STOPPED and not concluded within {@code concludeGrace}: an overdue event, once; at its max duration it is
 *       concluded like a running one.</li>
 * </ul>
 * (Interactions with the other experiments of the system are tested by {@link InteractionChecks}, on their own clock
 * and without holding the experiment's row: the test scans the units.)
 * A holdout never stops on its sample: each check of a running one publishes its day's reading (at most one a day),
 * and at its max duration it is released (concluded RELEASE, with a final reading).
 * Every replica runs the job; each due experiment is claimed with FOR UPDATE SKIP LOCKED, and on-demand evaluation
 * locks the row too, so each check happens once.
 */
@ApplicationScoped
public class ExperimentChecks {

    public static final String SCHEDULER = "experiment-service";
    private static final String CLAIM_DUE = "select * from experiments.experiments where state in ('RUNNING', 'STOPPED')"
            + " and next_check_at <= ?1 order by next_check_at limit 1 for update skip locked";

    /** What a check did. */
    public enum Action { NONE, STOPPED, CONCLUDED, OVERDUE }

    public record Outcome(Experiment experiment, Action action, ExperimentResults results) {
    }

    private final ExperimentEvaluator evaluator;
    private final ExperimentLifecycle lifecycle;
    private final LifecycleEvents events;
    private final ExperimentJson json;
    private final ExperimentConfig config;
    private final HoldoutReadings holdouts;

    public ExperimentChecks(ExperimentEvaluator evaluator, ExperimentLifecycle lifecycle, LifecycleEvents events,
            ExperimentJson json, ExperimentConfig config, HoldoutReadings holdouts) {
        this.holdouts = holdouts;
        this.evaluator = evaluator;
        this.lifecycle = lifecycle;
        this.events = events;
        this.json = json;
        this.config = config;
    }

    /** On demand: what the scheduler would do at {@code at} (which may lie in the future). */
    @WithTransaction
    public Uni<Outcome> evaluate(String key, Instant at) {
        return Experiment.<Experiment> find("key", key).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> new NotFoundProblem("no experiment with key '" + key + "'"))
                .flatMap(e -> {
                    if (e.state != ExperimentState.RUNNING && e.state != ExperimentState.STOPPED) {
                        throw new ConflictProblem("state", "only a RUNNING or STOPPED experiment is evaluated; this one is "
                                + e.state);
                    }
                    return check(e, at);
                });
    }

    /** Claims one due experiment (skipping those another replica holds) and checks it; false when none is due. */
    @WithTransaction
    public Uni<Boolean> checkNextDue(Instant now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(CLAIM_DUE, Experiment.class).setParameter(1, now).getResultList())
                .flatMap(due -> due.isEmpty() ? Uni.createFrom().item(false) : check(due.get(0), now).replaceWith(true));
    }

    private Uni<Outcome> check(Experiment e, Instant at) {
        boolean running = e.state == ExperimentState.RUNNING;
        boolean pastEnd = !at.isBefore(e.endsAt);
        return evaluator.results(e, !running || pastEnd).flatMap(results -> {
            Verdict verdict = ExperimentEvaluator.verdict(results);
            e.lastEvaluation = json.write(results);
            e.lastEvaluatedAt = at;
            if (running && e.analysis == AnalysisMethod.SEQUENTIAL) {
                e.sequentialState = json.write(ResultsCalculator.looks(results));
            }
            e.nextCheckAt = Instant.now().plus(config.recheck());
            if (pastEnd) {
                Uni<Void> stop = running ? lifecycle.stop(e, Trigger.MAX_DURATION, "max duration " + e.maxDuration
                        + " reached", SCHEDULER, at, verdict) : Uni.createFrom().voidItem();
                Decision decision = Decision.parse(ExperimentLifecycle.defaultDecision(e, verdict), treatments(e),
                        "decision");
                String rationale = "concluded automatically at max duration " + e.maxDuration + ": "
                        + String.join("; ", results.recommendation().reasons());
                return stop.flatMap(x -> lifecycle.conclude(e, decision, rationale, SCHEDULER, Trigger.MAX_DURATION, at,
                        verdict)).replaceWith(new Outcome(e, Action.CONCLUDED, results));
            }
            if (e.kind == ExperimentInput.Kind.HOLDOUT) {
                return running ? holdouts.measureDaily(e, results, at).replaceWith(new Outcome(e, Action.NONE, results))
                        : Uni.createFrom().item(new Outcome(e, Action.NONE, results));
            }
            if (running && e.analysis != AnalysisMethod.SEQUENTIAL && results.progress().reached()) {
                return lifecycle.stop(e, Trigger.SAMPLE_REACHED, "every variant reached " + e.requiredUnitsPerVariant
                        + " units", SCHEDULER, at, verdict).replaceWith(new Outcome(e, Action.STOPPED, results));
            }
            if (running && e.analysis == AnalysisMethod.SEQUENTIAL && results.primaryMetric().comparisons().stream()
                    .anyMatch(c -> c.sequential() != null && Boolean.TRUE.equals(c.sequential().boundaryCrossed()))) {
                return lifecycle.stop(e, Trigger.SEQUENTIAL_BOUNDARY, "a treatment crossed the always-valid boundary",
                        SCHEDULER, at, verdict).replaceWith(new Outcome(e, Action.STOPPED, results));
            }
            if (!running && e.overdueAt == null && !at.isBefore(e.stoppedAt.plus(config.concludeGrace()))) {
                e.overdueAt = at;
                return events.overdue(e, "stopped at %s (%s) and not concluded within %s".formatted(e.stoppedAt,
                        e.stopTrigger, iso(config.concludeGrace()))).replaceWith(new Outcome(e, Action.OVERDUE, results));
            }
            return Uni.createFrom().item(new Outcome(e, Action.NONE, results));
        });
    }

    /** P3D rather than Duration's PT72H when the length is whole days. */
    static String iso(java.time.Duration d) {
        return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    private List<String> treatments(Experiment e) {
        return json.variants(e).stream().filter(v -> !v.control()).map(VariantSpec::key).toList();
    }
}
