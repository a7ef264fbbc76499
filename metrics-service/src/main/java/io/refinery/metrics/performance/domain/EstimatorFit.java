package io.refinery.metrics.performance.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.refinery.metrics.performance.estimation.Calibration;
import io.refinery.metrics.performance.estimation.CalibrationCheck;
import io.refinery.metrics.performance.estimation.Calibrations;
import io.refinery.metrics.performance.estimation.IdentityCalibration;
import io.refinery.metrics.performance.estimation.PerformanceMetric;
import io.refinery.metrics.performance.estimation.RealizedPerformance;
import io.refinery.metrics.performance.estimation.ReferenceRange;
import io.refinery.metrics.performance.estimation.SamplingErrors;
import io.refinery.platform.problem.UnprocessableProblem;

/** Fits an estimator on the labelled predictions of its reference period, given day by day. */
final class EstimatorFit {

    static final int CHECK_FOLDS = 5;

    private EstimatorFit() {
    }

    static EstimatorModel fit(EstimatorSettings settings, List<ScoredRows> referenceDays, int minLabelled) {
        long rows = 0;
        List<ScoredRows> labelledDays = new ArrayList<>(referenceDays.size());
        for (ScoredRows day : referenceDays) {
            rows += day.size();
            labelledDays.add(day.labelledOnly());
        }
        ScoredRows labelled = concat(labelledDays);
        if (labelled.size() < minLabelled) {
            throw new UnprocessableProblem("referenceFrom", "the reference period has " + labelled.size()
                    + " labelled predictions with a score in [0, 1] (of " + rows + " scored); at least " + minLabelled
                    + " are needed to fit the calibration and the sampling errors");
        }
        boolean[] labels = labelled.labels();
        boolean[] predicted = labelled.predicted(settings.threshold());
        if (oneClass(labels)) {
            throw new UnprocessableProblem("referenceFrom", "the reference period's outcomes are all of one class ("
                    + (labels[0] ? "positive" : "negative") + "); calibration needs both");
        }
        CalibrationCheck check;
        Calibration calibration;
        try {
            check = CalibrationCheck.of(settings.calibration(), labelled.scores(), labels, CHECK_FOLDS);
            calibration = check.calibrationHelps()
                    ? Calibrations.fit(settings.calibration(), labelled.scores(), labels)
                    : IdentityCalibration.INSTANCE;
        } catch (IllegalArgumentException e) {
            // e.g. a class so rare that one fold's training rows hold none of it
            throw new UnprocessableProblem("referenceFrom", "the reference period cannot be calibrated: " + e.getMessage());
        }
        Map<PerformanceMetric, ReferenceRange> ranges = new EnumMap<>(PerformanceMetric.class);
        for (PerformanceMetric metric : PerformanceMetric.values()) {
            double[] values = new double[labelledDays.size()];
            for (int d = 0; d < values.length; d++) {
                ScoredRows day = labelledDays.get(d);
                values[d] = day.size() == 0 ? Double.NaN
                        : RealizedPerformance.of(day.scores(), day.predicted(settings.threshold()), day.labels()).get(metric);
            }
            ranges.put(metric, ReferenceRange.of(values));
        }
        return new EstimatorModel(EstimatorModel.CalibrationModel.of(calibration), check,
                SamplingErrors.fit(labelled.scores(), predicted, labels), ranges, rows, labelled.size(),
                referenceDays.size());
    }

    private static boolean oneClass(boolean[] labels) {
        for (boolean l : labels) {
            if (l != labels[0]) {
                return false;
            }
        }
        return true;
    }

    private static ScoredRows concat(List<ScoredRows> parts) {
        int n = parts.stream().mapToInt(ScoredRows::size).sum();
        double[] scores = new double[n];
        byte[] outcomes = new byte[n];
        int at = 0;
        for (ScoredRows p : parts) {
            System.arraycopy(p.scores(), 0, scores, at, p.size());
            System.arraycopy(p.outcomes(), 0, outcomes, at, p.size());
            at += p.size();
        }
        return new ScoredRows(scores, outcomes);
    }
}
