package io.refinery.metrics.alerting.api;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.alerting.domain.Alert;
import io.refinery.metrics.alerting.domain.AlertEvidence;
import io.refinery.metrics.alerting.domain.Rule;

@Schema(name = "Alert", description = "An alert with the breaching periods, their values and the baseline they were judged against")
public record AlertResponse(UUID id, UUID ruleId, String systemKey, String metric,
        @Schema(description = "OBSERVED; for a rule on estimated metrics ESTIMATED when a breaching day's value was a"
                + " CBPE estimate (labels not in yet), REALIZED when all were realized") String valueSource, String segment, Rule.Severity severity,
        Alert.State state, int consecutiveBreaches, AlertEvidence evidence, Instant openedAt, Instant firedAt,
        Instant resolvedAt, Instant acknowledgedAt, String acknowledgedBy, String decision, UUID oversightRequestId) {

    public static AlertResponse of(Alert a, ObjectMapper mapper) {
        AlertEvidence evidence;
        try {
            evidence = mapper.readValue(a.evidence, AlertEvidence.class);
        } catch (Exception e) {
            throw new IllegalStateException("alert " + a.id + " has unreadable evidence", e);
        }
        return new AlertResponse(a.id, a.ruleId, a.systemKey, a.metric, a.valueSource, a.segment.isEmpty() ? null : a.segment,
                a.severity, a.state, a.consecutiveBreaches, evidence, a.openedAt, a.firedAt, a.resolvedAt,
                a.acknowledgedAt, a.acknowledgedBy, a.decision, a.oversightRequestId);
    }
}
