package io.refinery.metrics.alerting.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Applies a reviewer's decision on an ALERT_REVIEW: a firing alert becomes ACKNOWLEDGED, and the rule's precision
 * learns whether the alert was real (APPROVE or MODIFY) or a false alarm (REJECT). Only the first decision on an
 * alert counts.
 */
@ApplicationScoped
public class AlertDecisions {

    public enum Outcome { APPROVE, REJECT, MODIFY }

    /** Runs inside the caller's transaction; false when no alert of ours matches the request id. */
    public Uni<Boolean> record(UUID requestId, Outcome outcome, String decidedBy, Instant decidedAt) {
        return Alert.<Alert> find("oversightRequestId", requestId).firstResult().flatMap(alert -> {
            if (alert == null || alert.decision != null) {
                return Uni.createFrom().item(false);
            }
            alert.decision = outcome.name();
            alert.acknowledgedBy = decidedBy;
            alert.acknowledgedAt = decidedAt;
            alert.updatedAt = Instant.now();
            if (alert.state == Alert.State.FIRING) {
                alert.state = Alert.State.ACKNOWLEDGED;
            }
            return Rule.<Rule> findById(alert.ruleId).map(rule -> {
                if (outcome == Outcome.REJECT) {
                    rule.alarmsFalse++;
                } else {
                    rule.alarmsConfirmed++;
                }
                return true;
            });
        });
    }
}
