package io.refinery.metrics.performance.domain;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.metrics.performance.estimation.Calibration;
import io.refinery.metrics.performance.estimation.CalibrationCheck;
import io.refinery.metrics.performance.estimation.CalibrationMethod;
import io.refinery.metrics.performance.estimation.IdentityCalibration;
import io.refinery.metrics.performance.estimation.IsotonicCalibration;
import io.refinery.metrics.performance.estimation.PerformanceMetric;
import io.refinery.metrics.performance.estimation.PlattCalibration;
import io.refinery.metrics.performance.estimation.ReferenceRange;
import io.refinery.metrics.performance.estimation.SamplingErrorComponent;

/**
 * What an estimator fitted on its labelled reference period, stored as JSON: the calibration applied to scores (the
 * requested method when the out-of-fold check shows that it lowers the calibration error, else none, as NannyML
 * does), the check itself, each metric's sampling-error component and the range of its realized value over the
 * reference's days.
 */
@RegisterForReflection
public record EstimatorModel(CalibrationModel calibration, CalibrationCheck check,
        Map<PerformanceMetric, SamplingErrorComponent> samplingErrors,
        Map<PerformanceMetric, ReferenceRange> referenceRanges, long referenceRows, long referenceLabelled,
        int referenceDays) {

    /** A fitted calibration as plain numbers: isotonic steps, Platt's a and b, or nothing. */
    @RegisterForReflection
    public record CalibrationModel(CalibrationMethod method, double[] thresholds, double[] values, Double a, Double b) {

        static CalibrationModel of(Calibration calibration) {
            if (calibration instanceof IsotonicCalibration iso) {
                return new CalibrationModel(CalibrationMethod.ISOTONIC, iso.thresholds(), iso.values(), null, null);
            }
            if (calibration instanceof PlattCalibration platt) {
                return new CalibrationModel(CalibrationMethod.PLATT, null, null, platt.a(), platt.b());
            }
            return new CalibrationModel(CalibrationMethod.NONE, null, null, null, null);
        }

        public Calibration toCalibration() {
            return switch (method) {
                case ISOTONIC -> new IsotonicCalibration(thresholds, values);
                case PLATT -> new PlattCalibration(a, b);
                case NONE -> new IdentityCalibration();
            };
        }
    }
}
