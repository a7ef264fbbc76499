package io.refinery.metrics.performance.estimation;

import java.util.Objects;

/** Fits a {@link Calibration} on labelled rows. */
public final class Calibrations {

    private Calibrations() {
    }

    /**
     * Fits {@code method} on ({@code scores[i]}, {@code labels[i]}): {@link IsotonicCalibration}, {@link
     * PlattCalibration}, or {@link IdentityCalibration#INSTANCE} for {@link CalibrationMethod#NONE}.
     *
     * @throws IllegalArgumentException when the arrays' lengths differ, there are fewer than 2 rows, the labels hold
     *         one class only, or a score is NaN or outside [0, 1] (checked for every method, NONE included)
     */
    public static Calibration fit(CalibrationMethod method, double[] scores, boolean[] labels) {
        Objects.requireNonNull(method, "method");
        Inputs.labelled(scores, labels);
        return switch (method) {
            case ISOTONIC -> IsotonicCalibration.fit(scores, labels);
            case PLATT -> PlattCalibration.fit(scores, labels);
            case NONE -> IdentityCalibration.INSTANCE;
        };
    }
}
