package io.refinery.metrics.drift.stats;

import java.util.List;

/**
 * Standardisation on a reference, as scikit-learn's {@code StandardScaler}: each feature's mean and population
 * standard deviation over the reference rows. The multivariate checks ({@link ReconstructionDrift},
 * {@link DomainClassifierDrift}) both put every row in these units.
 */
record ReferenceScaler(double[] mean, double[] sd) {

    /** Fits the reference; a feature constant in it cannot be standardised (400 on {@code reference}). */
    static ReferenceScaler fit(List<String> features, double[][] reference) {
        int p = features.size();
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (double[] row : reference) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= reference.length;
        }
        for (double[] row : reference) {
            for (int j = 0; j < p; j++) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
        }
        for (int j = 0; j < p; j++) {
            sd[j] = Math.sqrt(sd[j] / reference.length);
            if (!(sd[j] > 0) || !Double.isFinite(sd[j]) || !Double.isFinite(mean[j])) {
                throw new DriftInputException(DriftInputException.REFERENCE, "feature " + features.get(j)
                        + " is constant in the reference (or too large to standardise): it cannot be standardised");
            }
        }
        return new ReferenceScaler(mean, sd);
    }

    /** {@code row} in standard units, written into {@code into}. */
    void standardise(double[] row, double[] into) {
        for (int j = 0; j < row.length; j++) {
            into[j] = (row[j] - mean[j]) / sd[j];
        }
    }
}
