package io.refinery.metrics.performance.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.refinery.metrics.performance.estimation.CalibrationMethod;
import io.refinery.platform.problem.FieldIssue;

/**
 * What a caller sets on a system's performance estimator: the labelled reference period the calibration and the
 * sampling errors are fitted on, the score threshold at which the model predicts the positive class, the outcome that
 * counts as positive, the calibration method, and the labelled share from which a day's realized metrics replace its
 * estimates.
 */
public record EstimatorSettings(String systemKey, Instant referenceFrom, Instant referenceTo, double threshold,
        String positiveLabel, CalibrationMethod calibration, double realizedFromLabelledShare) {

    public static final double DEFAULT_THRESHOLD = 0.5;
    public static final String DEFAULT_POSITIVE_LABEL = "true";
    public static final double DEFAULT_REALIZED_SHARE = 0.95;
    private static final int MAX_LABEL = 200;

    /** What is wrong with the settings, field by field; empty when they can be fitted. */
    public List<FieldIssue> issues(Duration sampleRetention, Instant now) {
        List<FieldIssue> issues = new ArrayList<>();
        if (!referenceFrom.isBefore(referenceTo)) {
            issues.add(new FieldIssue("referenceTo", "must be after referenceFrom"));
        }
        if (referenceTo.isAfter(now)) {
            issues.add(new FieldIssue("referenceTo", "must not be in the future: the reference needs its labels"));
        }
        if (referenceFrom.isBefore(now.minus(sampleRetention))) {
            issues.add(new FieldIssue("referenceFrom", "is older than the sample retention (" + sampleRetention + ")"));
        }
        if (!(threshold > 0 && threshold < 1)) {
            issues.add(new FieldIssue("threshold", "must be between 0 and 1 (exclusive): scores at or above it are predicted positive"));
        }
        if (positiveLabel.isEmpty() || positiveLabel.length() > MAX_LABEL || positiveLabel.indexOf('\u0000') >= 0) {
            issues.add(new FieldIssue("positiveLabel", "must have 1 to " + MAX_LABEL + " characters and no NUL"));
        }
        if (!(realizedFromLabelledShare > 0 && realizedFromLabelledShare <= 1)) {
            issues.add(new FieldIssue("realizedFromLabelledShare", "must be above 0 and at most 1"));
        }
        return issues;
    }

    /** Whether a stored outcome is the positive class: the number 1, or the positive label. */
    public Boolean outcome(Double number, String label) {
        if (number != null) {
            return number == 1.0 ? Boolean.TRUE : number == 0.0 ? Boolean.FALSE : null;
        }
        if (label != null) {
            return label.equals(positiveLabel);
        }
        return null;
    }
}
