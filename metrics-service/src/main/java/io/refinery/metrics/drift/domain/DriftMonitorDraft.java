package io.refinery.metrics.drift.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.refinery.metrics.drift.stats.DataType;
import io.refinery.metrics.drift.stats.DriftMethod;
import io.refinery.platform.problem.FieldIssue;

/**
 * What a caller sets on a drift monitor; {@link #issues()} checks what bean validation cannot: feature names, the
 * reference (fixed or trailing, not both), whole-day windows, and a method that fits every feature's type.
 *
 * @param trailing ISO-8601 duration of a trailing reference, whole days; null for a fixed one
 * @param lag ISO-8601 duration between a trailing reference and the current window, whole days; null means none
 * @param current ISO-8601 duration of the current window, whole days
 */
public record DriftMonitorDraft(String systemKey, String name, List<MonitorFeature> features, Instant referenceFrom,
        Instant referenceTo, String trailing, String lag, String current, DriftMethod method, double datasetDriftShare,
        boolean multivariate) {

    /** Feature names as samples carry them. */
    public static final Pattern FEATURE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$");
    public static final int MAX_DAYS = 366;
    private static final Duration DAY = Duration.ofDays(1);

    public List<FieldIssue> issues() {
        List<FieldIssue> issues = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            MonitorFeature f = features.get(i);
            if (!FEATURE.matcher(f.name()).matches()) {
                issues.add(new FieldIssue("features[" + i + "].name",
                        "must be a-z, A-Z, 0-9, '_', '.', '-' (up to 100 characters, starting with a letter or digit)"));
            } else if (!names.add(f.name())) {
                issues.add(new FieldIssue("features[" + i + "].name", "appears more than once"));
            }
            if (method.numericalOnly() && f.type() == DataType.CATEGORICAL) {
                issues.add(new FieldIssue("method", method + " needs NUMERICAL features; " + f.name()
                        + " is CATEGORICAL (use AUTO, JENSEN_SHANNON or CHI_SQUARE)"));
            }
        }
        referenceIssues(issues);
        if (current == null) {
            issues.add(new FieldIssue("current", "is required, e.g. P1D"));
        } else {
            days("current", current, 1, issues);
        }
        if (multivariate && features.stream().filter(f -> f.type() == DataType.NUMERICAL).count() < 2) {
            issues.add(new FieldIssue("multivariate", "needs at least two NUMERICAL features"));
        }
        if (!(datasetDriftShare > 0 && datasetDriftShare <= 1)) {
            issues.add(new FieldIssue("datasetDriftShare", "must be above 0 and at most 1"));
        }
        return issues;
    }

    private void referenceIssues(List<FieldIssue> issues) {
        boolean fixed = referenceFrom != null || referenceTo != null;
        boolean trailingGiven = trailing != null || lag != null;
        if (fixed == trailingGiven) {
            issues.add(new FieldIssue("reference", "give either from and to, or trailing (and optionally lag)"));
            return;
        }
        if (fixed) {
            if (referenceFrom == null || referenceTo == null) {
                issues.add(new FieldIssue(referenceFrom == null ? "reference.from" : "reference.to",
                        "from and to go together"));
                return;
            }
            wholeDay("reference.from", referenceFrom, issues);
            wholeDay("reference.to", referenceTo, issues);
            if (!referenceFrom.isBefore(referenceTo)) {
                issues.add(new FieldIssue("reference.to", "must be after from"));
            }
            return;
        }
        if (trailing == null) {
            issues.add(new FieldIssue("reference.trailing", "is required with lag, e.g. P28D"));
        }
        days("reference.trailing", trailing, 1, issues);
        days("reference.lag", lag, 0, issues);
    }

    /** Checks an optional duration: whole days, from {@code min} to {@link #MAX_DAYS}. */
    private static void days(String field, String value, int min, List<FieldIssue> issues) {
        if (value == null) {
            return;
        }
        try {
            Duration d = Duration.parse(value);
            long days = d.toDays();
            if (!d.equals(DAY.multipliedBy(days)) || days < min || days > MAX_DAYS) {
                issues.add(new FieldIssue(field, "must be whole days, from " + min + " to " + MAX_DAYS + " (e.g. P28D)"));
            }
        } catch (DateTimeParseException e) {
            issues.add(new FieldIssue(field, "must be an ISO-8601 duration of whole days such as P28D"));
        }
    }

    private static void wholeDay(String field, Instant at, List<FieldIssue> issues) {
        if (at.getEpochSecond() % 86_400 != 0 || at.getNano() != 0) {
            issues.add(new FieldIssue(field, "must be a UTC midnight such as 2026-10-01T00:00:00Z (samples are kept per day)"));
        }
    }

    /** Days of a duration this draft's {@link #issues()} accepted. */
    public static int daysOf(String duration) {
        return duration == null ? 0 : (int) Duration.parse(duration).toDays();
    }
}
