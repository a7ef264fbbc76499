package io.refinery.metrics.drift.remediation;

/**
 * The cut-offs {@link RemediationRule} uses.
 *
 * @param broadDriftShare drifted features over all features from which data drift is broad; in (0, 1]; default 0.5
 *     (Evidently's share for dataset drift)
 * @param missingSignalShare drifted non-input features over drifted features from which drift is concentrated where
 *     the model lacks signals; in (0, 1]; default 0.5
 * @param directionalShift the smallest |mean shift|, in reference standard deviations, that makes a feature's drift
 *     directional (a clear move of the mean rather than a change of shape); at least 0; default 0.1
 * @param minorShift the largest |mean shift|, in reference standard deviations, that is still minor; at least
 *     {@code directionalShift}; default 0.5
 */
public record RemediationThresholds(
        double broadDriftShare,
        double missingSignalShare,
        double directionalShift,
        double minorShift) {

    public static final RemediationThresholds DEFAULTS = new RemediationThresholds(0.5, 0.5, 0.1, 0.5);

    public RemediationThresholds {
        if (!(broadDriftShare > 0 && broadDriftShare <= 1)) {
            throw new IllegalArgumentException("broadDriftShare must be in (0, 1], was " + broadDriftShare);
        }
        if (!(missingSignalShare > 0 && missingSignalShare <= 1)) {
            throw new IllegalArgumentException("missingSignalShare must be in (0, 1], was " + missingSignalShare);
        }
        if (!(directionalShift >= 0 && directionalShift <= minorShift) || !Double.isFinite(minorShift)) {
            throw new IllegalArgumentException("need 0 <= directionalShift <= minorShift, both finite, were "
                    + directionalShift + " and " + minorShift);
        }
    }
}
