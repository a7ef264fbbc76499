package io.refinery.experiments.experiment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.experiments.analysis.results.ExperimentResults;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.problem.UnprocessableProblem;
import io.smallrye.mutiny.Uni;

/**
 * Moves experiments along DRAFT → RUNNING → STOPPED → CONCLUDED and publishes each step through the outbox. The
 * experiment row is locked for every transition, so a person and the scheduler (or two replicas) never move the
 * same experiment at once.
 */
@ApplicationScoped
public class ExperimentLifecycle {

    private final ExperimentJson json;
    private final LifecycleEvents events;
    private final ExperimentEvaluator evaluator;
    private final HoldoutReadings holdouts;
    private final BanditUpdates bandits;

    public ExperimentLifecycle(ExperimentJson json, LifecycleEvents events, ExperimentEvaluator evaluator,
            HoldoutReadings holdouts, BanditUpdates bandits) {
        this.bandits = bandits;
        this.holdouts = holdouts;
        this.json = json;
        this.events = events;
        this.evaluator = evaluator;
    }

    @WithTransaction
    public Uni<Experiment> start(String key, String actor) {
        return locked(key).flatMap(e -> {
            if (e.state != ExperimentState.DRAFT) {
                throw new ConflictProblem("state", "only a DRAFT experiment can start; this one is " + e.state);
            }
            Instant now = Instant.now();
            e.state = ExperimentState.RUNNING;
            e.startedAt = now;
            e.endsAt = now.plus(ExperimentPlan.lengthOf(e.maxDuration));
            e.nextCheckAt = now;
            touch(e, now, actor);
            Uni<Void> weights = e.bandit == null ? Uni.createFrom().voidItem() : bandits.start(e, now);
            return weights.flatMap(x -> events.started(e, json.variants(e).stream().map(VariantSpec::key).toList(),
                    json.primaryMetric(e).name())).replaceWith(e);
        });
    }

    @WithTransaction
    public Uni<Experiment> stop(String key, String actor, String reason) {
        return locked(key).flatMap(e -> {
            if (e.state != ExperimentState.RUNNING) {
                throw new ConflictProblem("state", "only a RUNNING experiment can stop; this one is " + e.state);
            }
            return evaluator.verdict(e, Instant.now())
                    .flatMap(v -> stop(e, Trigger.MANUAL, reason, actor, Instant.now(), v)).replaceWith(e);
        });
    }

    /**
     * Concludes a RUNNING (stopping it first) or STOPPED experiment. Without a decision the results' recommended
     * decision is taken.
     */
    @WithTransaction
    public Uni<Experiment> conclude(String key, String actor, String decision, String rationale) {
        return locked(key).flatMap(e -> {
            if (e.state != ExperimentState.RUNNING && e.state != ExperimentState.STOPPED) {
                throw new ConflictProblem("state",
                        "only a RUNNING or STOPPED experiment can be concluded; this one is " + e.state);
            }
            Instant now = Instant.now();
            java.util.List<String> treatments = json.variants(e).stream().filter(x -> !x.control())
                    .map(VariantSpec::key).toList();
            return evaluator.verdict(e, now).flatMap(v -> {
                if (decision == null && e.kind != ExperimentInput.Kind.HOLDOUT && v.recommendedDecision() == null) {
                    throw new UnprocessableProblem("decision", "is required: there are no results to recommend one yet");
                }
                Decision chosen = Decision.parse(decision == null ? defaultDecision(e, v) : decision, treatments,
                        "decision");
                if (e.kind == ExperimentInput.Kind.AA_TEST && chosen.kind() == Decision.Kind.SHIP) {
                    throw new UnprocessableProblem("decision", "an A/A test compares identical variants and never "
                            + "ships; conclude it with INCONCLUSIVE or KEEP_CONTROL");
                }
                if ((e.kind == ExperimentInput.Kind.HOLDOUT) != (chosen.kind() == Decision.Kind.RELEASE)) {
                    throw new UnprocessableProblem("decision", e.kind == ExperimentInput.Kind.HOLDOUT
                            ? "a holdout is never shipped or kept: conclude it with RELEASE"
                            : "only a holdout is released; conclude an experiment with SHIP:<variant>, KEEP_CONTROL "
                                    + "or INCONCLUSIVE");
                }
                Uni<Void> stopFirst = e.state == ExperimentState.RUNNING
                        ? stop(e, Trigger.MANUAL, "concluded", actor, now, v)
                        : Uni.createFrom().voidItem();
                return stopFirst.flatMap(x -> conclude(e, chosen, rationale, actor, Trigger.MANUAL, now, v));
            }).replaceWith(e);
        });
    }

    /** Stops a RUNNING experiment, inside the caller's transaction. */
    Uni<Void> stop(Experiment e, Trigger trigger, String reason, String actor, Instant now, Verdict verdict) {
        e.state = ExperimentState.STOPPED;
        e.stoppedAt = now;
        e.stopTrigger = trigger;
        e.stopReason = reason;
        touch(e, now, actor);
        return events.stopped(e, verdict.recommendedDecision(), verdict.evaluation());
    }

    /** Concludes a STOPPED experiment, inside the caller's transaction; SHIP also asks oversight for the rollout. */
    Uni<Void> conclude(Experiment e, Decision decision, String rationale, String actor, Trigger trigger, Instant now,
            Verdict verdict) {
        e.state = ExperimentState.CONCLUDED;
        e.decision = decision.toString();
        e.decisionRationale = rationale;
        e.concludedAt = now;
        e.concludedBy = actor;
        e.nextCheckAt = null;
        e.rolloutRequestId = decision.ships() ? UUID.randomUUID() : null;
        touch(e, now, actor);
        Uni<Void> reading = e.kind == ExperimentInput.Kind.HOLDOUT
                && verdict.evaluation() instanceof ExperimentResults results ? holdouts.measureFinal(e, results, now)
                        : Uni.createFrom().voidItem();
        return reading.flatMap(x -> events.concluded(e, trigger.name(), verdict.recommendedDecision(),
                verdict.evaluation(), decision.ships() ? verdict.magnitudes().get(decision.variant()) : null,
                decision.ships() ? verdict.confidences().get(decision.variant()) : null));
    }

    /** What a conclusion without a decision takes: RELEASE for a holdout, else the recommended decision. */
    static String defaultDecision(Experiment e, Verdict v) {
        return e.kind == ExperimentInput.Kind.HOLDOUT ? Decision.RELEASE.toString() : v.recommendedDecision();
    }

    private static void touch(Experiment e, Instant now, String actor) {
        e.updatedAt = now;
        e.updatedBy = actor;
    }

    private static Uni<Experiment> locked(String key) {
        return Experiment.<Experiment> find("key", key).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> new NotFoundProblem("no experiment with key '" + key + "'"));
    }
}
