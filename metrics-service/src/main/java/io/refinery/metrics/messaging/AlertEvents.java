package io.refinery.metrics.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.metrics.domain.Alert;
import io.refinery.metrics.domain.AlertEvidence;
import io.refinery.metrics.domain.Rule;
import io.refinery.metrics.rules.PeriodVerdict;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.outbox.Outbox;

/**
 * The events an alert's lifecycle publishes, through the outbox (so they commit with the alert): fired and
 * resolved on refinery.metrics.alerts, and on firing an ALERT_REVIEW request on refinery.oversight.requests.
 */
@ApplicationScoped
public class AlertEvents {

    public static final String ALERTS_TOPIC = "refinery.metrics.alerts";
    public static final String REQUESTS_TOPIC = "refinery.oversight.requests";
    public static final String FIRED = "io.refinery.metrics.alert.fired.v1";
    public static final String RESOLVED = "io.refinery.metrics.alert.resolved.v1";
    public static final String REVIEW_REQUESTED = "io.refinery.metrics.review.requested.v1";
    public static final String ALERT_REVIEW = "ALERT_REVIEW";

    @RegisterForReflection
    public record RuleSummary(UUID ruleId, String comparison, String baseline, String tolerance, String period,
            int consecutivePeriods, long minSamplesPerPeriod) {
    }

    @RegisterForReflection
    public record AlertFired(UUID alertId, String systemKey, String metric, String segment, String severity,
            RuleSummary rule, int consecutiveBreaches, List<PeriodVerdict> breachingPeriods,
            List<PeriodVerdict> skippedPeriods, String note, Instant firedAt, UUID oversightRequestId) {
    }

    @RegisterForReflection
    public record AlertResolved(UUID alertId, String systemKey, String metric, String segment, String severity,
            UUID ruleId, PeriodVerdict resolvingPeriod, Instant resolvedAt) {
    }

    /** The oversight request contract of refinery.oversight.requests. */
    @RegisterForReflection
    public record ReviewRequest(UUID id, String systemKey, String actionType, String summary, Map<String, Object> payload,
            Double magnitude, Double amount, Double confidence, Source source) {
    }

    @RegisterForReflection
    public record Source(String service, String eventId) {
    }

    private final Outbox outbox;

    public AlertEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> fired(Rule rule, Alert alert, AlertEvidence evidence) {
        AlertFired data = new AlertFired(alert.id, alert.systemKey, alert.metric, segmentOf(alert), alert.severity.name(),
                summary(rule), alert.consecutiveBreaches, evidence.breachingPeriods(), evidence.skippedPeriods(),
                evidence.note(), alert.firedAt, alert.oversightRequestId);
        return outbox.append(ALERTS_TOPIC, FIRED, alert.systemKey, data)
                .flatMap(event -> outbox.append(REQUESTS_TOPIC, REVIEW_REQUESTED, alert.systemKey,
                        reviewRequest(rule, alert, evidence, event.id())))
                .replaceWithVoid();
    }

    public Uni<Void> resolved(Rule rule, Alert alert, PeriodVerdict resolving) {
        AlertResolved data = new AlertResolved(alert.id, alert.systemKey, alert.metric, segmentOf(alert),
                alert.severity.name(), rule.id, resolving, alert.resolvedAt);
        return outbox.append(ALERTS_TOPIC, RESOLVED, alert.systemKey, data).replaceWithVoid();
    }

    private static ReviewRequest reviewRequest(Rule rule, Alert alert, AlertEvidence evidence, String firedEventId) {
        PeriodVerdict last = evidence.breachingPeriods().isEmpty() ? null
                : evidence.breachingPeriods().get(evidence.breachingPeriods().size() - 1);
        Double magnitude = last == null || last.baseline() == null || last.baseline() == 0 ? null
                : Math.abs(last.value() - last.baseline()) / Math.abs(last.baseline());
        String summary = "%s %s of %s %s baseline for %d consecutive %s period(s)%s".formatted(
                alert.severity, alert.metric, alert.systemKey, rule.comparison == null ? "" : rule.comparison.name().toLowerCase(),
                alert.consecutiveBreaches, rule.period, segmentOf(alert) == null ? "" : " in segment " + alert.segment);
        Map<String, Object> payload = Map.of("alertId", alert.id.toString(), "ruleId", rule.id.toString(),
                "metric", alert.metric, "severity", alert.severity.name(),
                "breachingPeriods", evidence.breachingPeriods(),
                "note", evidence.note() == null ? "" : evidence.note());
        return new ReviewRequest(alert.oversightRequestId, alert.systemKey, ALERT_REVIEW, summary, payload, magnitude,
                null, null, new Source("metrics-service", firedEventId));
    }

    private static RuleSummary summary(Rule rule) {
        String baseline = rule.baselineType == Rule.BaselineType.FIXED ? "FIXED " + rule.baselineValue
                : "TRAILING " + rule.baselineStatistic + " over " + rule.baselineWindow;
        String tolerance = rule.toleranceRelative != null ? "relative " + rule.toleranceRelative
                : "absolute " + rule.toleranceAbsolute;
        return new RuleSummary(rule.id, rule.comparison.name(), baseline, tolerance, rule.period.name(),
                rule.consecutivePeriods, rule.minSamplesPerPeriod);
    }

    private static String segmentOf(Alert alert) {
        return alert.segment == null || alert.segment.isEmpty() ? null : alert.segment;
    }
}
