package io.refinery.metrics.performance.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.performance.domain.EstimatorModel;
import io.refinery.metrics.performance.domain.PerformanceDay;
import io.refinery.metrics.performance.estimation.ReferenceRange;

@Schema(name = "PerformanceDays", description = "Estimated and realized performance per UTC day")
public record PerformanceDaysResponse(String systemKey, List<Day> days) {

    @Schema(name = "PerformanceDay")
    public record Day(@Schema(example = "2026-12-01") LocalDate day,
            @Schema(description = "Scored predictions that day") long predictions,
            @Schema(description = "Of which with an outcome") long labelled, double labelledShare,
            @Schema(description = "Per metric (accuracy, precision, recall, specificity, f1, roc_auc)") Map<String, Metric> metrics) {
    }

    @Schema(name = "PerformanceDayMetric")
    public record Metric(
            @Schema(description = "The day's value: the realized one once the labels are in, else the estimate") Double value,
            @Schema(description = "ESTIMATED or REALIZED") PerformanceDay.Source source,
            @Schema(description = "CBPE estimate from the calibrated scores of all the day's predictions") Double estimated,
            @Schema(description = "Standard error of the estimate for the day's size") Double samplingError,
            @Schema(description = "Confidence band: estimate − 3 sampling errors") Double lower,
            @Schema(description = "Confidence band: estimate + 3 sampling errors") Double upper,
            @Schema(description = "From the labelled predictions so far; null before any label") Double realized,
            @Schema(description = "realized − estimated, once the labels are in") Double gap,
            @Schema(description = "The value lies outside the reference range (mean ± 3 sd of the reference days)") boolean outsideReferenceRange) {
    }

    static PerformanceDaysResponse of(String systemKey, EstimatorModel model, List<PerformanceDay> rows) {
        Map<LocalDate, Day> days = new LinkedHashMap<>();
        for (PerformanceDay d : rows) {
            Day day = days.computeIfAbsent(d.day(), k -> new Day(k, d.predictions(), d.labelled(), d.labelledShare(),
                    new LinkedHashMap<>()));
            ReferenceRange range = model.referenceRanges().get(d.metric());
            Double value = d.value();
            boolean outside = value != null && Double.isFinite(range.lower())
                    && (value < range.lower() || value > range.upper());
            day.metrics().put(d.metric().key(), new Metric(value, d.source(), d.estimated(), d.samplingError(), d.lower(),
                    d.upper(), d.realized(), d.gap(), outside));
        }
        return new PerformanceDaysResponse(systemKey, new ArrayList<>(days.values()));
    }
}
