package io.refinery.metrics.performance.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.performance.domain.Estimator;
import io.refinery.metrics.performance.domain.EstimatorModel;
import io.refinery.metrics.performance.domain.PerformanceDay;
import io.refinery.metrics.performance.estimation.CalibrationCheck;
import io.refinery.metrics.performance.estimation.CalibrationMethod;
import io.refinery.metrics.performance.estimation.PerformanceMetric;
import io.refinery.metrics.performance.estimation.ReferenceRange;
import io.refinery.metrics.performance.estimation.SamplingErrorComponent;

@Schema(name = "Estimator", description = "A system's performance estimator: what it was fitted on, its calibration"
        + " check, and per metric the reference range, the sampling error and how far estimates were from realized values")
public record EstimatorResponse(String systemKey, Reference reference, double threshold, String positiveLabel,
        Calibration calibration, double realizedFromLabelledShare, Map<String, MetricSummary> metrics, Instant fittedAt,
        Instant lastEstimatedAt, Instant nextEstimationAt, Instant createdAt, String createdBy, Instant updatedAt,
        String updatedBy) {

    @Schema(name = "EstimatorReference")
    public record Reference(Instant from, Instant to,
            @Schema(description = "Scored predictions in the period") long predictions,
            @Schema(description = "Of which labelled (used for the fit)") long labelled,
            @Schema(description = "UTC days (chunks) the reference ranges come from") int days) {
    }

    @Schema(name = "EstimatorCalibration")
    public record Calibration(
            @Schema(description = "The method asked for") CalibrationMethod requested,
            @Schema(description = "The method applied: the requested one when it lowers the out-of-fold calibration"
                    + " error, else NONE") CalibrationMethod applied,
            @Schema(description = "Expected calibration error (10 equal-width bins) of the raw scores") double eceBefore,
            @Schema(description = "Expected calibration error after calibration, out of fold (5 folds)") double eceAfter,
            double brierBefore, double brierAfter, List<Bin> reliability) {
    }

    @Schema(name = "ReliabilityBin", description = "Raw scores in [lower, upper): their mean and the observed positive rate")
    public record Bin(double lower, double upper, long count, double meanScore, double observedRate) {
    }

    @Schema(name = "EstimatedMetricSummary")
    public record MetricSummary(
            @Schema(description = "Realized value over the reference days: mean ± 3 sd; a day outside is flagged") Range referenceRange,
            @Schema(description = "Sampling error for n predictions = std / sqrt(n · fraction)") Double samplingErrorStd,
            Double samplingErrorFraction,
            @Schema(description = "Days whose labels are in (realized replaced the estimate)") int daysRealized,
            @Schema(description = "Mean of realized − estimated over those days") Double meanGap,
            @Schema(description = "Mean of |realized − estimated| over those days") Double meanAbsoluteGap) {
    }

    @Schema(name = "ReferenceRange")
    public record Range(Double mean, Double std, Double lower, Double upper) {
    }

    static EstimatorResponse of(Estimator e, List<PerformanceDay> days) {
        EstimatorModel m = e.model();
        CalibrationCheck check = m.check();
        List<Bin> bins = new ArrayList<>();
        check.bins().forEach(b -> bins.add(new Bin(b.lower(), b.upper(), b.count(), b.meanScore(), b.observedRate())));
        Map<String, MetricSummary> metrics = new LinkedHashMap<>();
        for (PerformanceMetric metric : PerformanceMetric.values()) {
            ReferenceRange r = m.referenceRanges().get(metric);
            SamplingErrorComponent c = m.samplingErrors().get(metric);
            List<Double> gaps = days.stream().filter(d -> d.metric() == metric && d.gap() != null)
                    .map(PerformanceDay::gap).toList();
            metrics.put(metric.key(), new MetricSummary(
                    new Range(finite(r.mean()), finite(r.std()), finite(r.lower()), finite(r.upper())),
                    finite(c.std()), finite(c.fraction()), gaps.size(),
                    gaps.isEmpty() ? null : gaps.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                    gaps.isEmpty() ? null : gaps.stream().mapToDouble(Math::abs).average().orElseThrow()));
        }
        var s = e.settings();
        return new EstimatorResponse(s.systemKey(),
                new Reference(s.referenceFrom(), s.referenceTo(), m.referenceRows(), m.referenceLabelled(), m.referenceDays()),
                s.threshold(), s.positiveLabel(),
                new Calibration(s.calibration(), m.calibration().method(), check.eceBefore(), check.eceAfter(),
                        check.brierBefore(), check.brierAfter(), bins),
                s.realizedFromLabelledShare(), metrics, e.fittedAt(), e.lastEstimatedAt(), e.nextEstimationAt(),
                e.createdAt(), e.createdBy(), e.updatedAt(), e.updatedBy());
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
