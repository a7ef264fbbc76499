package io.refinery.metrics.alerting.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.systems.KnownSystems;
import io.refinery.metrics.rollup.domain.Step;

/** Creates, changes and retires threshold rules. */
@ApplicationScoped
public class RuleService {

    private final Duration grace;
    private final KnownSystems systems;

    public RuleService(@ConfigProperty(name = "refinery.rules.close-grace", defaultValue = "PT5M") Duration grace,
            KnownSystems systems) {
        this.grace = grace;
        this.systems = systems;
    }

    @WithTransaction
    public Uni<Rule> create(RuleDraft draft, String actor) {
        return validated(draft).flatMap(ok -> {
            Instant now = Instant.now();
            Rule rule = new Rule();
            rule.id = UUID.randomUUID();
            rule.createdAt = now;
            rule.createdBy = actor;
            apply(rule, draft, now, actor);
            return rule.persist();
        });
    }

    @WithTransaction
    public Uni<Rule> update(UUID id, RuleDraft draft, String actor) {
        return find(id).call(rule -> validated(draft)).map(rule -> {
            apply(rule, draft, Instant.now(), actor);
            return rule;
        });
    }

    @WithTransaction
    public Uni<Void> delete(UUID id, String actor) {
        return find(id).flatMap(rule -> Alert.count("ruleId = ?1 and state in ?2", id,
                List.of(Alert.State.PENDING, Alert.State.FIRING, Alert.State.ACKNOWLEDGED)).map(open -> {
                    if (open > 0) {
                        throw new ConflictProblem("id", "the rule has an open alert; it can be deleted once the alert is resolved");
                    }
                    rule.deletedAt = Instant.now();
                    rule.updatedBy = actor;
                    return null;
                }));
    }

    @WithSession
    public Uni<Rule> get(UUID id) {
        return find(id);
    }

    @WithSession
    public Uni<List<Rule>> page(String systemKey, UUID after, int limit) {
        StringBuilder q = new StringBuilder("deletedAt is null");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (systemKey != null) {
            q.append(" and systemKey = :system");
            params.put("system", systemKey);
        }
        if (after != null) {
            q.append(" and id > :after");
            params.put("after", after);
        }
        return Rule.<Rule> find(q.toString(), Sort.by("id"), params).range(0, limit - 1).list();
    }

    Uni<Rule> find(UUID id) {
        return Rule.<Rule> find("id = ?1 and deletedAt is null", id).firstResult().onItem().ifNull()
                .failWith(() -> new NotFoundProblem("no rule with id " + id));
    }

    private Uni<Boolean> validated(RuleDraft draft) {
        List<FieldIssue> issues = draft.issues();
        if (!issues.isEmpty()) {
            return Uni.createFrom().failure(new InvalidFieldsProblem(issues));
        }
        return systems.require(draft.systemKey(), "systemKey").replaceWith(true);
    }

    private void apply(Rule rule, RuleDraft d, Instant now, String actor) {
        rule.systemKey = d.systemKey();
        rule.metric = d.metric();
        rule.source = d.source();
        rule.segment = d.segment() == null ? "" : d.segment();
        rule.comparison = d.comparison();
        rule.baselineType = d.baselineType();
        rule.baselineValue = d.baselineValue();
        rule.baselineWindow = d.baselineWindow();
        rule.baselineStatistic = d.baselineStatistic();
        rule.toleranceRelative = d.toleranceRelative();
        rule.toleranceAbsolute = d.toleranceAbsolute();
        rule.period = d.period();
        rule.consecutivePeriods = d.consecutivePeriods();
        rule.minSamplesPerPeriod = d.minSamplesPerPeriod();
        rule.severity = d.severity();
        rule.nextEvaluationAt = nextEvaluation(d.period(), now);
        rule.updatedAt = now;
        rule.updatedBy = actor;
    }

    /** When the period running at {@code now} has closed and its late data had {@code grace} to arrive. */
    public Instant nextEvaluation(Step period, Instant now) {
        return period.periodStart(now).plus(period.length()).plus(grace);
    }
}
