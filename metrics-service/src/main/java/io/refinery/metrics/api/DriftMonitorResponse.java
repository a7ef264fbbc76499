package io.refinery.metrics.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.domain.DriftMonitor;
import io.refinery.metrics.domain.MonitorFeature;
import io.refinery.metrics.drift.stats.DriftMethod;

@Schema(name = "DriftMonitor")
public record DriftMonitorResponse(UUID id, String systemKey, String name, List<MonitorFeature> features,
        DriftMonitorRequest.ReferenceBody reference, String current, DriftMethod method, double datasetDriftShare,
        Instant nextEvaluationAt, Instant lastEvaluatedAt, Instant createdAt, String createdBy) {

    public static DriftMonitorResponse of(DriftMonitor m, List<MonitorFeature> features) {
        DriftMonitorRequest.ReferenceBody reference = m.referenceFrom != null
                ? new DriftMonitorRequest.ReferenceBody(m.referenceFrom, m.referenceTo, null, null)
                : new DriftMonitorRequest.ReferenceBody(null, null, days(m.referenceTrailingDays), days(m.referenceLagDays));
        return new DriftMonitorResponse(m.id, m.systemKey, m.name, features, reference, days(m.currentDays), m.method,
                m.datasetDriftShare, m.nextEvaluationAt, m.lastEvaluatedAt, m.createdAt, m.createdBy);
    }

    static String days(int days) {
        return "P" + days + "D";
    }
}
