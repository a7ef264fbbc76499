package io.refinery.metrics.drift.evaluation;

/**
 * Whether a monitor run found dataset drift: the share of drifted features among those that could be compared reaches
 * the monitor's {@code datasetDriftShare}, with at least one feature drifted. Features without enough data do not
 * count either way.
 *
 * @param driftedShare drifted over evaluated features; null when none could be evaluated
 */
public record DatasetVerdict(int featuresEvaluated, int featuresDrifted, Double driftedShare, boolean datasetDrift) {

    /** The verdict on {@code evaluated} compared features of which {@code drifted} drifted. */
    public static DatasetVerdict of(int evaluated, int drifted, double datasetDriftShare) {
        if (evaluated < 0 || drifted < 0 || drifted > evaluated) {
            throw new IllegalArgumentException("need 0 <= drifted <= evaluated, got " + drifted + " of " + evaluated);
        }
        Double share = evaluated == 0 ? null : (double) drifted / evaluated;
        return new DatasetVerdict(evaluated, drifted, share, share != null && drifted > 0 && share >= datasetDriftShare);
    }
}
