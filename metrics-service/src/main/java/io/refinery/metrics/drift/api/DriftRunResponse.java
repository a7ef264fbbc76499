package io.refinery.metrics.drift.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.drift.domain.DriftRun;
import io.refinery.metrics.drift.domain.FeatureResult;
import io.refinery.metrics.drift.domain.MultivariateCheck;
import io.refinery.platform.events.DriftDetected;

@Schema(name = "DriftRun", description = "One evaluation of a drift monitor, with per-feature statistics")
public record DriftRunResponse(UUID id, UUID monitorId, String systemKey, DriftRun.Trigger trigger, Instant evaluatedAt,
        Window current, Window reference,
        @Schema(description = "Features with enough data on both sides") int featuresEvaluated,
        int featuresDrifted,
        @Schema(description = "featuresDrifted / featuresEvaluated; null when none could be evaluated") Double driftedShare,
        @Schema(description = "driftedShare >= the monitor's datasetDriftShare") boolean datasetDrift,
        @Schema(description = "Set when the run detected drift (published with a DRIFT_REMEDIATION request)") UUID detectionId,
        DriftDetected.RecommendationView recommendation, List<FeatureResult> features,
        @Schema(description = "The multivariate checks on the joint rows of the numerical features, when the monitor runs"
                + " them") MultivariateCheck multivariate) {

    @Schema(name = "DriftWindow", description = "[from, to), UTC midnights")
    public record Window(Instant from, Instant to) {
    }

    private static final TypeReference<List<FeatureResult>> RESULTS = new TypeReference<>() {
    };

    public static DriftRunResponse of(DriftRun r, ObjectMapper mapper) {
        try {
            return new DriftRunResponse(r.id, r.monitorId, r.systemKey, r.trigger, r.evaluatedAt,
                    new Window(r.currentFrom, r.currentTo), new Window(r.referenceFrom, r.referenceTo),
                    r.featuresEvaluated, r.featuresDrifted, r.driftedShare, r.datasetDrift, r.detectionId,
                    r.recommendation == null ? null : mapper.readValue(r.recommendation, DriftDetected.RecommendationView.class),
                    mapper.readValue(r.features, RESULTS),
                    r.multivariate == null ? null : mapper.readValue(r.multivariate, MultivariateCheck.class));
        } catch (Exception e) {
            throw new IllegalStateException("drift run " + r.id + " is unreadable", e);
        }
    }
}
