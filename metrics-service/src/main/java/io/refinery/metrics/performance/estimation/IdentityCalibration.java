package io.refinery.metrics.performance.estimation;

/** No calibration ({@link CalibrationMethod#NONE}): the score itself, clipped to [0, 1]. */
public record IdentityCalibration() implements Calibration {

    public static final IdentityCalibration INSTANCE = new IdentityCalibration();

    @Override
    public double calibrate(double score) {
        return Double.isNaN(score) ? Double.NaN : Math.min(1, Math.max(0, score));
    }

    @Override
    public CalibrationMethod method() {
        return CalibrationMethod.NONE;
    }
}
