package io.refinery.metrics.drift.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.metrics.drift.remediation.FeatureDrift;
import io.refinery.metrics.drift.stats.DataType;
import io.refinery.metrics.drift.stats.DriftMethod;
import io.refinery.metrics.drift.stats.PsiBand;

/**
 * One feature's outcome in a monitor run. When a window held fewer values than needed, {@code statistic} and
 * {@code method} are null, {@code drifted} is false and {@code note} says why; such a feature does not count in the
 * dataset's drifted share.
 *
 * @param referenceSize values compared from the reference window (a uniform sample of {@code referenceSeen})
 * @param currentSize values compared from the current window (a uniform sample of {@code currentSeen})
 * @param meanShift {@code (mean_cur - mean_ref) / std_ref} for numerical features, else null
 * @param pValueMethod how the p-value was computed (EXACT, ASYMPTOTIC, LIMITING; see {@code DriftResult}); null
 *     without a p-value
 */
@RegisterForReflection
public record FeatureResult(String feature, DataType type, boolean modelInput, DriftMethod method, Double statistic,
        Double pValue, Double threshold, boolean drifted, PsiBand band, int referenceSize, int currentSize,
        long referenceSeen, long currentSeen, Double meanShift, String note, String pValueMethod) {

    /** Whether the feature was compared (enough data on both sides). */
    public boolean evaluated() {
        return statistic != null;
    }

    /** The evidence the remediation rule weighs; only for evaluated features. */
    public FeatureDrift toEvidence() {
        return new FeatureDrift(feature, modelInput, drifted, statistic, meanShift);
    }
}
