package io.refinery.metrics.performance.domain;

import java.time.LocalDate;

import io.refinery.metrics.performance.estimation.PerformanceMetric;

/**
 * One day of one estimated metric: the estimate and its sampling error, the realized value from the labels in so far,
 * and which of the two stands for the day: the realized value once the labelled share reaches the estimator's
 * {@code realizedFromLabelledShare}, the estimate before.
 */
public record PerformanceDay(LocalDate day, PerformanceMetric metric, long predictions, long labelled, Double estimated,
        Double samplingError, Double realized, double realizedFromLabelledShare) {

    public enum Source { ESTIMATED, REALIZED }

    public double labelledShare() {
        return predictions == 0 ? 0 : (double) labelled / predictions;
    }

    public Source source() {
        return realized != null && labelledShare() >= realizedFromLabelledShare ? Source.REALIZED : Source.ESTIMATED;
    }

    /** The day's value: realized when the labels are in, else the estimate (null when neither is defined). */
    public Double value() {
        return source() == Source.REALIZED ? realized : estimated;
    }

    /** Realized minus estimated, once the labels are in; null before. */
    public Double gap() {
        return source() == Source.REALIZED && estimated != null ? realized - estimated : null;
    }

    public Double lower() {
        return estimated == null || samplingError == null ? null : estimated - 3 * samplingError;
    }

    public Double upper() {
        return estimated == null || samplingError == null ? null : estimated + 3 * samplingError;
    }
}
