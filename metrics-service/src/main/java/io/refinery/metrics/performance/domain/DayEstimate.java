package io.refinery.metrics.performance.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.refinery.metrics.performance.estimation.Calibration;
import io.refinery.metrics.performance.estimation.ConfidenceBasedEstimator;
import io.refinery.metrics.performance.estimation.PerformanceMetric;
import io.refinery.metrics.performance.estimation.RealizedPerformance;

/**
 * One day's metric as stored: the CBPE estimate from all of the day's scored predictions (calibrated), its sampling
 * error for the day's size, and the realized value from the predictions already labelled (null before any label).
 */
record DayEstimate(PerformanceMetric metric, double estimated, double samplingError, Double realized) {

    static List<DayEstimate> of(EstimatorSettings settings, EstimatorModel model, ScoredRows day) {
        Calibration calibration = model.calibration().toCalibration();
        boolean[] predicted = day.predicted(settings.threshold());
        Map<PerformanceMetric, Double> estimates = ConfidenceBasedEstimator.estimate(calibration.calibrate(day.scores()),
                predicted);
        ScoredRows labelled = day.labelledOnly();
        Map<PerformanceMetric, Double> realized = labelled.size() == 0 ? Map.of()
                : RealizedPerformance.of(labelled.scores(), labelled.predicted(settings.threshold()), labelled.labels());
        List<DayEstimate> rows = new ArrayList<>(PerformanceMetric.values().length);
        for (PerformanceMetric metric : PerformanceMetric.values()) {
            Double r = realized.get(metric);
            rows.add(new DayEstimate(metric, estimates.get(metric), model.samplingErrors().get(metric).errorFor(day.size()),
                    r == null || r.isNaN() ? null : r));
        }
        return rows;
    }
}
