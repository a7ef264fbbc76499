package io.refinery.metrics.alerting.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.refinery.metrics.alerting.evaluation.BaselineStatistic;
import io.refinery.metrics.alerting.evaluation.Comparison;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.metrics.observation.domain.ObservationReader;
import io.refinery.metrics.performance.estimation.PerformanceMetric;
import io.refinery.metrics.rollup.domain.Step;

/** What a caller sets on a rule; {@link #issues()} checks the fields that depend on each other. */
public record RuleDraft(String systemKey, String metric, Rule.Source source, String segment, Comparison comparison,
        Rule.BaselineType baselineType, Double baselineValue, String baselineWindow, BaselineStatistic baselineStatistic,
        Double toleranceRelative, Double toleranceAbsolute, Step period, int consecutivePeriods,
        long minSamplesPerPeriod, Rule.Severity severity) {

    public static final int MAX_WINDOW_PERIODS = 366;
    public static final int MAX_CONSECUTIVE = 366;

    public List<FieldIssue> issues() {
        List<FieldIssue> issues = new ArrayList<>();
        if (!ObservationReader.METRIC.matcher(metric).matches()) {
            issues.add(new FieldIssue("metric", "must be lowercase: a-z, 0-9, '_', '.', '-' (up to 100 characters)"));
        }
        if (source == Rule.Source.ESTIMATED) {
            if (PerformanceMetric.fromKey(metric).isEmpty()) {
                issues.add(new FieldIssue("metric", "an ESTIMATED rule watches one of "
                        + Arrays.stream(PerformanceMetric.values()).map(PerformanceMetric::key).toList()));
            }
            if (period != Step.P1D) {
                issues.add(new FieldIssue("period", "estimated metrics are estimated per day: use P1D"));
            }
            if (!segment.isEmpty()) {
                issues.add(new FieldIssue("segment", "estimated metrics have no segments"));
            }
        }
        if (baselineType == Rule.BaselineType.FIXED) {
            if (baselineValue == null || !Double.isFinite(baselineValue)) {
                issues.add(new FieldIssue("baseline.value", "is required for a FIXED baseline and must be a finite number"));
            }
            if (baselineWindow != null || baselineStatistic != null) {
                issues.add(new FieldIssue("baseline", "a FIXED baseline takes only a value"));
            }
        } else {
            if (baselineValue != null) {
                issues.add(new FieldIssue("baseline.value", "a TRAILING baseline takes window and statistic, not a value"));
            }
            if (baselineStatistic == null) {
                issues.add(new FieldIssue("baseline.statistic", "is required for a TRAILING baseline (MEAN or MEDIAN)"));
            }
            windowIssue().ifPresent(issues::add);
        }
        boolean relative = toleranceRelative != null;
        boolean absolute = toleranceAbsolute != null;
        if (relative == absolute) {
            issues.add(new FieldIssue("tolerance", "give exactly one of relative or absolute"));
        } else if (relative && (!Double.isFinite(toleranceRelative) || toleranceRelative < 0 || toleranceRelative > 10)) {
            issues.add(new FieldIssue("tolerance.relative", "must be between 0 and 10 (a fraction of the baseline)"));
        } else if (absolute && (!Double.isFinite(toleranceAbsolute) || toleranceAbsolute < 0)) {
            issues.add(new FieldIssue("tolerance.absolute", "must be 0 or more"));
        }
        if (consecutivePeriods < 1 || consecutivePeriods > MAX_CONSECUTIVE) {
            issues.add(new FieldIssue("consecutivePeriods", "must be between 1 and " + MAX_CONSECUTIVE));
        }
        if (minSamplesPerPeriod < 1) {
            issues.add(new FieldIssue("minSamplesPerPeriod", "must be at least 1"));
        }
        return issues;
    }

    private java.util.Optional<FieldIssue> windowIssue() {
        if (baselineWindow == null) {
            return java.util.Optional.of(new FieldIssue("baseline.window", "is required for a TRAILING baseline, e.g. P28D"));
        }
        try {
            Duration window = Duration.parse(baselineWindow);
            long periods = window.dividedBy(period.length());
            if (window.isNegative() || window.isZero() || !window.equals(period.length().multipliedBy(periods))) {
                return java.util.Optional.of(new FieldIssue("baseline.window", "must be a whole number of periods (" + period + ")"));
            }
            if (periods > MAX_WINDOW_PERIODS) {
                return java.util.Optional.of(new FieldIssue("baseline.window", "must span at most " + MAX_WINDOW_PERIODS + " periods"));
            }
            return java.util.Optional.empty();
        } catch (DateTimeParseException e) {
            return java.util.Optional.of(new FieldIssue("baseline.window", "must be an ISO-8601 duration such as P28D or PT24H"));
        }
    }
}
