package io.refinery.metrics.drift.remediation;

/**
 * The drift evidence for one feature.
 *
 * @param feature the feature's name; not blank, unique within a {@link DriftEvidence}
 * @param modelInput whether the model reads this feature; false for features monitored for context only (signals the
 *     model lacks)
 * @param drifted whether the feature's drift test said drifted
 * @param score the drift test's statistic (e.g. a Wasserstein or PSI score); finite, shown in reasons only
 * @param meanShift the signed shift of the mean, in reference standard deviations: {@code (mean_cur - mean_ref) /
 *     std_ref}; null when there is none (categorical features) or it is unknown
 */
public record FeatureDrift(String feature, boolean modelInput, boolean drifted, double score, Double meanShift) {

    public FeatureDrift {
        if (feature == null || feature.isBlank()) {
            throw new IllegalArgumentException("feature must not be blank");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score of " + feature + " must be finite, was " + score);
        }
        if (meanShift != null && !Double.isFinite(meanShift)) {
            throw new IllegalArgumentException("meanShift of " + feature + " must be finite, was " + meanShift);
        }
    }
}
