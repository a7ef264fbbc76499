package io.refinery.metrics.drift.remediation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything {@link RemediationRule} weighs about one drift of one system.
 *
 * @param kind what drifted; not null
 * @param features the per-feature evidence of the latest data-drift comparison, every monitored feature once (drifted
 *     or not); may be empty for concept drift when no comparison ran. DATA evidence needs at least one drifted
 *     feature.
 * @param retrainedSincePreviousConceptDrift whether the model was retrained after the previous concept drift of this
 *     system; false when there was none
 */
public record DriftEvidence(DriftKind kind, List<FeatureDrift> features, boolean retrainedSincePreviousConceptDrift) {

    public DriftEvidence {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        features = List.copyOf(features);
        Set<String> names = new HashSet<>();
        for (FeatureDrift feature : features) {
            if (!names.add(feature.feature())) {
                throw new IllegalArgumentException("feature " + feature.feature() + " appears more than once");
            }
        }
        if (kind == DriftKind.DATA && features.stream().noneMatch(FeatureDrift::drifted)) {
            throw new IllegalArgumentException("DATA evidence needs at least one drifted feature");
        }
    }

    /** The features that drifted, in the given order. */
    public List<FeatureDrift> driftedFeatures() {
        return features.stream().filter(FeatureDrift::drifted).toList();
    }

    /** Drifted features over all features; 0 when there are none. */
    public double driftedShare() {
        return features.isEmpty() ? 0 : (double) driftedFeatures().size() / features.size();
    }

    /** Drifted features the model does not read, over drifted features; 0 when none drifted. */
    public double missingSignalShare() {
        List<FeatureDrift> drifted = driftedFeatures();
        if (drifted.isEmpty()) {
            return 0;
        }
        return (double) drifted.stream().filter(feature -> !feature.modelInput()).count() / drifted.size();
    }
}
