package io.refinery.metrics.alerting.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.metrics.alerting.evaluation.PeriodVerdict;
import io.smallrye.mutiny.Uni;
import io.refinery.metrics.review.domain.ReviewRequests;
import io.refinery.platform.events.AlertEvent;
import io.refinery.platform.events.AlertFired;
import io.refinery.platform.events.AlertResolved;
import io.refinery.platform.events.AlertRule;
import io.refinery.platform.events.JudgedPeriod;
import io.refinery.platform.events.RequestSource;
import io.refinery.platform.events.ReviewRequested;
import io.refinery.platform.outbox.Outbox;

/**
 * The events an alert's lifecycle publishes, through the outbox (so they commit with the alert): fired and
 * resolved on refinery.metrics.alerts, and on firing an ALERT_REVIEW request on refinery.oversight.requests.
 */
@ApplicationScoped
public class AlertEvents {

    public static final String ALERTS_TOPIC = AlertEvent.TOPIC;
    public static final String FIRED = AlertFired.TYPE;
    public static final String RESOLVED = AlertResolved.TYPE;
    public static final String ALERT_REVIEW = "ALERT_REVIEW";

    private final Outbox outbox;

    public AlertEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> fired(Rule rule, Alert alert, AlertEvidence evidence) {
        AlertFired data = new AlertFired(alert.id, alert.systemKey, alert.metric, segmentOf(alert), alert.severity.name(),
                summary(rule), alert.consecutiveBreaches, judged(evidence.breachingPeriods()), judged(evidence.skippedPeriods()),
                evidence.note(), alert.firedAt, alert.oversightRequestId, alert.valueSource);
        return outbox.append(ALERTS_TOPIC, FIRED, alert.systemKey, data)
                .flatMap(event -> outbox.append(ReviewRequests.TOPIC, ReviewRequests.REVIEW_REQUESTED, alert.systemKey,
                        reviewRequest(rule, alert, evidence, event.id())))
                .replaceWithVoid();
    }

    public Uni<Void> resolved(Rule rule, Alert alert, PeriodVerdict resolving) {
        AlertResolved data = new AlertResolved(alert.id, alert.systemKey, alert.metric, segmentOf(alert),
                alert.severity.name(), rule.id, judged(resolving), alert.resolvedAt);
        return outbox.append(ALERTS_TOPIC, RESOLVED, alert.systemKey, data).replaceWithVoid();
    }

    private static ReviewRequested reviewRequest(Rule rule, Alert alert, AlertEvidence evidence, String firedEventId) {
        PeriodVerdict last = evidence.breachingPeriods().isEmpty() ? null
                : evidence.breachingPeriods().get(evidence.breachingPeriods().size() - 1);
        Double magnitude = last == null || last.baseline() == null || last.baseline() == 0 ? null
                : Math.abs(last.value() - last.baseline()) / Math.abs(last.baseline());
        String summary = "%s %s%s of %s %s baseline for %d consecutive %s period(s)%s".formatted(
                alert.severity, "ESTIMATED".equals(alert.valueSource) ? "estimated " : "", alert.metric, alert.systemKey,
                rule.comparison == null ? "" : rule.comparison.name().toLowerCase(),
                alert.consecutiveBreaches, rule.period, segmentOf(alert) == null ? "" : " in segment " + alert.segment);
        Map<String, Object> payload = Map.of("alertId", alert.id.toString(), "ruleId", rule.id.toString(),
                "metric", alert.metric, "severity", alert.severity.name(), "valueSource", alert.valueSource,
                "breachingPeriods", judged(evidence.breachingPeriods()),
                "note", evidence.note() == null ? "" : evidence.note());
        return new ReviewRequested(Objects.toString(alert.oversightRequestId, null), alert.systemKey, ALERT_REVIEW, summary, payload,
                magnitude, null, null, new RequestSource(ReviewRequests.SERVICE, firedEventId));
    }

    private static AlertRule summary(Rule rule) {
        String baseline = rule.baselineType == Rule.BaselineType.FIXED ? "FIXED " + rule.baselineValue
                : "TRAILING " + rule.baselineStatistic + " over " + rule.baselineWindow;
        String tolerance = rule.toleranceRelative != null ? "relative " + rule.toleranceRelative
                : "absolute " + rule.toleranceAbsolute;
        return new AlertRule(rule.id, rule.comparison.name(), baseline, tolerance, rule.period.name(),
                rule.consecutivePeriods, rule.minSamplesPerPeriod);
    }

    /** A period as the alerts contract carries it (the verdict by name). */
    private static JudgedPeriod judged(PeriodVerdict p) {
        return p == null ? null
                : new JudgedPeriod(p.start(), p.value(), p.samples(), p.baseline(), p.threshold(), p.verdict().name());
    }

    private static List<JudgedPeriod> judged(List<PeriodVerdict> periods) {
        return periods.stream().map(AlertEvents::judged).toList();
    }

    private static String segmentOf(Alert alert) {
        return alert.segment == null || alert.segment.isEmpty() ? null : alert.segment;
    }
}
