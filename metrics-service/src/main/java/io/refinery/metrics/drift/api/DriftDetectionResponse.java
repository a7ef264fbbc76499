package io.refinery.metrics.drift.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.drift.domain.DriftDetection;

@Schema(name = "DriftDetection", description = "A detected drift, its recommended remediation and the reviewer's decision")
public record DriftDetectionResponse(UUID id, String systemKey,
        @Schema(description = "DATA or CONCEPT") String kind,
        @Schema(description = "The monitor and run that found it (DATA only)") UUID monitorId, UUID runId,
        Instant detectedAt,
        @Schema(description = "Recommended: ADJUST_PARAMETERS, RETRAIN, EXPAND_DATA_SOURCES or REVISE_ARCHITECTURE")
        String recommendedAction, List<String> reasons, Double magnitude, UUID oversightRequestId, Decision decision) {

    @Schema(name = "DriftRemediationDecision", description = "Null while the DRIFT_REMEDIATION request is undecided")
    public record Decision(@Schema(description = "APPROVE, REJECT or MODIFY") String outcome,
            @Schema(description = "The remediation chosen; null on REJECT") String chosenAction, String decidedBy,
            Instant decidedAt, String rationale) {
    }

    private static final TypeReference<List<String>> REASONS = new TypeReference<>() {
    };

    public static DriftDetectionResponse of(DriftDetection d, ObjectMapper mapper) {
        try {
            return new DriftDetectionResponse(d.id, d.systemKey, d.kind, d.monitorId, d.runId, d.detectedAt, d.action,
                    mapper.readValue(d.reasons, REASONS), d.magnitude, d.oversightRequestId,
                    d.decision == null ? null
                            : new Decision(d.decision, d.chosenAction, d.decidedBy, d.decidedAt, d.rationale));
        } catch (Exception e) {
            throw new IllegalStateException("drift detection " + d.id + " is unreadable", e);
        }
    }
}
