package io.refinery.metrics.performance.estimation;

/**
 * A fitted map from a model's raw score to the probability that the row is positive. Its record components are the
 * whole model, so a service can store them as plain numbers and rebuild it. Fit one with {@link Calibrations#fit}.
 */
public sealed interface Calibration permits IsotonicCalibration, PlattCalibration, IdentityCalibration {

    /** The calibrated probability of {@code score}, in [0, 1]; NaN for NaN. */
    double calibrate(double score);

    CalibrationMethod method();

    /** {@link #calibrate(double)} of each score, in a new array. */
    default double[] calibrate(double[] scores) {
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = calibrate(scores[i]);
        }
        return out;
    }
}
