package io.refinery.metrics.alerting.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.metrics.alerting.evaluation.AlertStatus;
import io.refinery.metrics.alerting.evaluation.AlertTransitions;
import io.refinery.metrics.alerting.evaluation.Evaluation;
import io.refinery.metrics.alerting.evaluation.PeriodValue;
import io.refinery.metrics.alerting.evaluation.PeriodVerdict;
import io.refinery.metrics.alerting.evaluation.RuleEvaluator;
import io.refinery.metrics.alerting.evaluation.Transition;
import io.refinery.metrics.alerting.evaluation.Verdict;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.metrics.performance.domain.PerformanceDay;
import io.refinery.metrics.performance.domain.PerformanceSeries;
import io.refinery.metrics.performance.estimation.PerformanceMetric;
import io.refinery.metrics.rollup.domain.RollupQueries;
import io.refinery.metrics.rollup.domain.Step;

/**
 * Evaluates rules over their closed periods and moves their alerts along, publishing fired/resolved events and an
 * ALERT_REVIEW oversight request in the same transaction (outbox). Scheduled runs claim due rules with
 * {@code FOR UPDATE SKIP LOCKED}, so with several replicas each rule is evaluated once per period.
 */
@ApplicationScoped
public class RuleEvaluations {

    private static final int MAX_LOOKBACK = 1100;
    private static final String CLAIM_DUE = "select * from metrics.rules where deleted_at is null"
            + " and next_evaluation_at <= ?1 order by next_evaluation_at limit 1 for update skip locked";

    private final RollupQueries rollups;
    private final PerformanceSeries performance;
    private final RuleService rules;
    private final AlertEvents events;
    private final ObjectMapper mapper;

    public RuleEvaluations(RollupQueries rollups, PerformanceSeries performance, RuleService rules, AlertEvents events,
            ObjectMapper mapper) {
        this.rollups = rollups;
        this.performance = performance;
        this.rules = rules;
        this.events = events;
        this.mapper = mapper;
    }

    /**
     * On demand: evaluates the periods closed by {@code at}. The rule row is locked, so an on-demand call and a
     * scheduled run (or two replicas) never move the same rule's alert at once.
     */
    @WithTransaction
    public Uni<EvaluationOutcome> evaluate(UUID ruleId, Instant at) {
        return Rule.<Rule> findById(ruleId, LockModeType.PESSIMISTIC_WRITE).flatMap(rule -> {
            if (rule == null || rule.deletedAt != null) {
                return Uni.createFrom().failure(new NotFoundProblem("no rule with id " + ruleId));
            }
            return evaluateRule(rule, at);
        });
    }

    /** Claims one due rule (skipping rules another replica holds) and evaluates it; false when none is due. */
    @WithTransaction
    public Uni<Boolean> evaluateNextDue(Instant now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(CLAIM_DUE, Rule.class).setParameter(1, now).getResultList())
                .flatMap(due -> due.isEmpty() ? Uni.createFrom().item(false)
                        : evaluateRule(due.get(0), now).replaceWith(true));
    }

    private Uni<EvaluationOutcome> evaluateRule(Rule rule, Instant at) {
        Instant end = rule.period.periodStart(at);
        int lookback = Math.min(MAX_LOOKBACK, rule.windowPeriods() + 3 * rule.consecutivePeriods + 10);
        Instant start = end.minus(rule.period.length().multipliedBy(lookback));
        return series(rule, start, end, lookback).flatMap(series -> {
            Evaluation evaluation = RuleEvaluator.evaluate(rule.toSpec(), series.periods());
            return Alert.<Alert> find("ruleId = ?1 and state in ?2", rule.id,
                    List.of(Alert.State.PENDING, Alert.State.FIRING, Alert.State.ACKNOWLEDGED)).firstResult()
                    .flatMap(open -> {
                        Transition transition = AlertTransitions.next(statusOf(open), evaluation, rule.consecutivePeriods);
                        rule.lastEvaluatedAt = Instant.now();
                        rule.nextEvaluationAt = rules.nextEvaluation(rule.period, Instant.now());
                        return apply(rule, open, evaluation, series, transition).map(alert -> new EvaluationOutcome(rule.id,
                                at, evaluation.state(), evaluation.consecutiveBreaches(), transition, alert,
                                evaluation.verdicts()));
                    });
        });
    }

    /**
     * A rule's periods, and for a rule on estimated metrics the days whose value is a CBPE estimate (their labels are
     * not in yet) rather than a realized value.
     */
    record Series(List<PeriodValue> periods, Set<Instant> estimated) {
    }

    private Uni<Series> series(Rule rule, Instant start, Instant end, int count) {
        if (rule.source == Rule.Source.ESTIMATED) {
            PerformanceMetric metric = PerformanceMetric.fromKey(rule.metric).orElseThrow();
            return performance.days(rule.systemKey, LocalDate.ofInstant(start, ZoneOffset.UTC),
                    LocalDate.ofInstant(end, ZoneOffset.UTC), metric).map(days -> {
                        Map<Instant, PeriodValue> byStart = new HashMap<>();
                        Set<Instant> estimated = new HashSet<>();
                        for (PerformanceDay d : days) {
                            Instant dayStart = d.day().atStartOfDay(ZoneOffset.UTC).toInstant();
                            Double value = d.value();
                            byStart.put(dayStart, new PeriodValue(dayStart, value == null ? Double.NaN : value, d.predictions()));
                            if (d.source() == PerformanceDay.Source.ESTIMATED) {
                                estimated.add(dayStart);
                            }
                        }
                        return new Series(fill(byStart, rule.period, start, count), estimated);
                    });
        }
        return rollups.series(rule.systemKey, rule.metric, rule.period, rule.segment, start, end).map(points -> {
            Map<Instant, PeriodValue> byStart = new HashMap<>();
            points.forEach(p -> byStart.put(p.start(), new PeriodValue(p.start(), p.value(), p.samples())));
            return new Series(fill(byStart, rule.period, start, count), Set.of());
        });
    }

    private static List<PeriodValue> fill(Map<Instant, PeriodValue> byStart, Step step, Instant start, int count) {
        List<PeriodValue> periods = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant s = start.plus(step.length().multipliedBy(i));
            PeriodValue p = byStart.get(s);
            periods.add(p == null ? new PeriodValue(s, Double.NaN, 0) : p);
        }
        return periods;
    }

    private static AlertStatus statusOf(Alert open) {
        if (open == null) {
            return AlertStatus.NONE;
        }
        return AlertStatus.valueOf(open.state.name());
    }

    private Uni<Alert> apply(Rule rule, Alert open, Evaluation evaluation, Series series, Transition transition) {
        Instant now = Instant.now();
        switch (transition) {
            case OPEN_PENDING:
                return newAlert(rule, evaluation, series, Alert.State.PENDING, now).persist();
            case UPDATE_PENDING:
            case STILL_FIRING:
                describe(rule, open, evaluation, series, now);
                return Uni.createFrom().item(open);
            case FIRE: {
                Alert alert = open != null ? open : newAlert(rule, evaluation, series, Alert.State.FIRING, now);
                describe(rule, alert, evaluation, series, now);
                alert.state = Alert.State.FIRING;
                alert.firedAt = now;
                alert.oversightRequestId = UUID.randomUUID();
                AlertEvidence evidence = evidence(rule, evaluation, series);
                return alert.<Alert> persist().call(a -> events.fired(rule, a, evidence));
            }
            case RESOLVE: {
                open.state = Alert.State.RESOLVED;
                open.resolvedAt = now;
                open.consecutiveBreaches = 0;
                open.updatedAt = now;
                PeriodVerdict resolving = evaluation.lastDecisiveVerdict().orElse(null);
                return Uni.createFrom().item(open).call(a -> events.resolved(rule, a, resolving));
            }
            case CANCEL_PENDING:
                open.state = Alert.State.CANCELLED;
                open.resolvedAt = now;
                open.updatedAt = now;
                return Uni.createFrom().item(open);
            default:
                return Uni.createFrom().item(open);
        }
    }

    private Alert newAlert(Rule rule, Evaluation evaluation, Series series, Alert.State state, Instant now) {
        Alert alert = new Alert();
        alert.id = UUID.randomUUID();
        alert.ruleId = rule.id;
        alert.systemKey = rule.systemKey;
        alert.metric = rule.metric;
        alert.segment = rule.segment;
        alert.severity = rule.severity;
        alert.state = state;
        alert.openedAt = now;
        alert.evidence = json(evidence(rule, evaluation, series));
        alert.valueSource = valueSource(rule, evaluation, series);
        alert.consecutiveBreaches = evaluation.consecutiveBreaches();
        alert.updatedAt = now;
        return alert;
    }

    private void describe(Rule rule, Alert alert, Evaluation evaluation, Series series, Instant now) {
        alert.consecutiveBreaches = evaluation.consecutiveBreaches();
        alert.evidence = json(evidence(rule, evaluation, series));
        alert.valueSource = valueSource(rule, evaluation, series);
        alert.updatedAt = now;
    }

    /** OBSERVED; for a rule on estimated metrics ESTIMATED when a breaching day was an estimate, else REALIZED. */
    static String valueSource(Rule rule, Evaluation evaluation, Series series) {
        if (rule.source != Rule.Source.ESTIMATED) {
            return Rule.Source.OBSERVED.name();
        }
        return evaluation.breachingStreak().stream().anyMatch(v -> series.estimated().contains(v.start()))
                ? "ESTIMATED" : "REALIZED";
    }

    static AlertEvidence evidence(Rule rule, Evaluation evaluation, Series series) {
        AlertEvidence evidence = evidence(evaluation);
        if (rule.source != Rule.Source.ESTIMATED) {
            return evidence;
        }
        List<PeriodVerdict> streak = evaluation.breachingStreak();
        long estimated = streak.stream().filter(v -> series.estimated().contains(v.start())).count();
        String source = estimated == 0
                ? "Every breaching day's %s is realized from its labels.".formatted(rule.metric)
                : ("The %s of %d of the %d breaching day(s) is an ESTIMATE (confidence-based performance estimation from"
                        + " calibrated scores): their labels are not in yet, and realized values replace the estimates"
                        + " as they arrive.").formatted(rule.metric, estimated, streak.size());
        return new AlertEvidence(evidence.breachingPeriods(), evidence.skippedPeriods(),
                evidence.note() == null ? source : source + " " + evidence.note());
    }

    static AlertEvidence evidence(Evaluation evaluation) {
        List<PeriodVerdict> streak = evaluation.breachingStreak();
        List<PeriodVerdict> skipped = new ArrayList<>();
        if (!streak.isEmpty()) {
            Instant first = streak.get(0).start();
            for (PeriodVerdict v : evaluation.verdicts()) {
                if (!v.start().isBefore(first) && (v.verdict() == Verdict.INSUFFICIENT_SAMPLES || v.verdict() == Verdict.NO_BASELINE)) {
                    skipped.add(v);
                }
            }
        }
        String note = skipped.isEmpty() ? null
                : skipped.size() + " period(s) inside the streak had too few samples or no baseline; they were neither"
                        + " counted nor allowed to reset it: "
                        + String.join(", ", skipped.stream().map(v -> v.start() + " (" + v.samples() + " samples)").toList());
        return new AlertEvidence(streak, skipped, note);
    }

    private String json(AlertEvidence evidence) {
        try {
            return mapper.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
