package io.refinery.metrics.drift.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.drift.domain.DriftMonitor;
import io.refinery.metrics.drift.domain.MonitorFeature;
import io.refinery.metrics.drift.stats.DriftMethod;

@Schema(name = "DriftMonitor")
public record DriftMonitorResponse(UUID id, String systemKey, String name, List<MonitorFeature> features,
        DriftMonitorRequest.ReferenceBody reference, String current, DriftMethod method, double datasetDriftShare,
        boolean multivariate,
        Instant nextEvaluationAt, Instant lastEvaluatedAt,
        @Schema(description = "Consecutive failed scheduled evaluations (0 when healthy); a failing monitor is retried "
                + "after a back-off that doubles per failure") int failedAttempts,
        @Schema(description = "Why the last evaluation failed; null when healthy") String lastError, Instant lastFailedAt,
        Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    public static DriftMonitorResponse of(DriftMonitor m, List<MonitorFeature> features) {
        DriftMonitorRequest.ReferenceBody reference = m.referenceFrom != null
                ? new DriftMonitorRequest.ReferenceBody(m.referenceFrom, m.referenceTo, null, null)
                : new DriftMonitorRequest.ReferenceBody(null, null, days(m.referenceTrailingDays), days(m.referenceLagDays));
        return new DriftMonitorResponse(m.id, m.systemKey, m.name, features, reference, days(m.currentDays), m.method,
                m.datasetDriftShare, m.multivariate, m.nextEvaluationAt, m.lastEvaluatedAt, m.failedAttempts,
                m.failedAttempts == 0 ? null : m.lastError, m.failedAttempts == 0 ? null : m.lastFailedAt, m.createdAt,
                m.createdBy, m.updatedAt, m.updatedBy);
    }

    static String days(int days) {
        return "P" + days + "D";
    }
}
