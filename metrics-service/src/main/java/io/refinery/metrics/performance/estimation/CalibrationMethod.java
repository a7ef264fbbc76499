package io.refinery.metrics.performance.estimation;

/** How raw scores become probabilities before CBPE: {@link IsotonicCalibration}, {@link PlattCalibration}, or none. */
public enum CalibrationMethod {
    ISOTONIC,
    PLATT,
    NONE
}
