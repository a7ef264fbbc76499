package io.refinery.platform.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@value #TYPE} on {@value #TOPIC} (key: the systemKey): metrics-service found data drift (a monitor's
 * features moved between two windows) or concept drift (a model's error level changed) and recommends what to do.
 * One record for the producer (metrics-service) and the consumers (oversight's timeline, experiment-service's
 * rollouts); {@link DriftEvents} reads it.
 *
 * @param kind               {@code DATA} or {@code CONCEPT}
 * @param monitorId          the monitor of a DATA detection (with its name and run), null for CONCEPT
 * @param windows            the windows a DATA detection compared, null for CONCEPT
 * @param driftedShare       the share of features that drifted, for DATA
 * @param datasetDriftShare  the share at which the monitor calls the whole dataset drifted, for DATA
 * @param concept            what the concept-drift detector saw, for CONCEPT
 * @param oversightRequestId the DRIFT_REMEDIATION request sent with this event
 */
@RegisterForReflection
public record DriftDetected(UUID detectionId, String kind, String systemKey, UUID monitorId, String monitorName,
        UUID runId, Windows windows, List<FeatureView> features, Double driftedShare, Double datasetDriftShare,
        Concept concept, RecommendationView recommendation, Instant detectedAt, UUID oversightRequestId)
        implements AboutSystem {

    public static final String TOPIC = "refinery.metrics.drift";
    public static final String TYPE = "io.refinery.metrics.drift.detected.v1";

    /** The windows a DATA detection compared, each [from, to). */
    @RegisterForReflection
    public record Windows(Instant currentFrom, Instant currentTo, Instant referenceFrom, Instant referenceTo) {
    }

    /** One feature's drift test. */
    @RegisterForReflection
    public record FeatureView(String feature, boolean modelInput, String method, Double statistic, Double pValue,
            Double threshold, boolean drifted, Double meanShift) {
    }

    /**
     * What the concept-drift detector saw: the error level after the change and, for ADWIN, before it (the mean of
     * the part of its window it dropped).
     */
    @RegisterForReflection
    public record Concept(String detector, long updates, Double errorBefore, double errorAfter) {
    }

    /** The remediation recommended and why. */
    @RegisterForReflection
    public record RecommendationView(String action, List<String> reasons) {
    }

    /** The features that drifted, in the order tested. */
    public List<String> driftedFeatures() {
        return features == null ? List.of() : features.stream().filter(FeatureView::drifted).map(FeatureView::feature).toList();
    }
}
