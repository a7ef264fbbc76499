package io.refinery.experiments.experiment.domain;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.refinery.experiments.experiment.design.AnalysisMethod;
import io.refinery.experiments.experiment.design.BanditSpec;
import io.refinery.experiments.experiment.design.Direction;
import io.refinery.experiments.experiment.design.ExperimentDesign;
import io.refinery.experiments.experiment.design.GuardrailSpec;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.stats.InvalidStatisticsInputException;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.MultipleTestingCorrection;
import io.refinery.experiments.stats.SampleSizeCalculator;
import io.refinery.experiments.stats.SampleSizeRequest;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.UnprocessableProblem;

/**
 * A checked experiment design with its computed sample size. {@link #of} refuses (422 naming each field) an
 * experiment without primary metric, minimum detectable effect or max duration, without exactly one control, with
 * weights that do not sum to 1, or whose max duration is too short to reach the required sample at the declared
 * {@code expectedDailyUnits}; without {@code expectedDailyUnits} that last check becomes a warning.
 *
 * <p>Days needed = ⌈requiredUnitsPerVariant / (expectedDailyUnits · trafficFraction · smallest weight)⌉: the
 * smallest variant fills last. With equal weights this is {@code ExperimentDuration.requiredDays}.
 */
public record ExperimentPlan(String key, String systemKey, ExperimentInput.Kind kind, String hypothesis,
        ExperimentInput.UnitType unitType, List<VariantSpec> variants, double trafficFraction, MetricSpec primaryMetric,
        List<GuardrailSpec> guardrails, double alpha, double power, AnalysisMethod analysis,
        MultipleTestingCorrection correction, String maxDuration, Duration maxDurationLength, Double expectedDailyUnits,
        long requiredUnitsPerVariant, Long requiredDays, List<String> warnings, BanditSpec bandit) {

    public static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,63}$");
    public static final Pattern VARIANT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$");
    public static final Pattern METRIC = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,99}$");
    /** A segment dimension's name (an exposure's segments): lowercase, a letter first, up to 40 characters. */
    public static final Pattern DIMENSION = Pattern.compile("^[a-z][a-z0-9_.-]{0,39}$");
    public static final int MAX_VARIANTS = 10;
    public static final int MAX_GUARDRAILS = 10;
    static final int MAX_TEXT = 2000;
    private static final Duration MIN_DURATION = Duration.ofHours(1);
    private static final Duration MAX_DURATION = Duration.ofDays(366);

    public ExperimentDesign design() {
        return new ExperimentDesign(variants, primaryMetric, guardrails, alpha, analysis, correction,
                requiredUnitsPerVariant);
    }

    /**
     * Checks {@code in}; throws {@link UnprocessableProblem} listing every field at fault. A HOLDOUT is refused here:
     * holdouts are made by {@code POST /api/v1/holdouts} ({@link #ofHoldout}).
     */
    public static ExperimentPlan of(ExperimentInput in) {
        return check(in, false);
    }

    /** Checks a holdout's design, built by the holdout API as an experiment of kind HOLDOUT. */
    public static ExperimentPlan ofHoldout(ExperimentInput in) {
        return check(in, true);
    }

    private static ExperimentPlan check(ExperimentInput in, boolean holdout) {
        if (in == null) {
            throw new UnprocessableProblem("body", "is required");
        }
        List<FieldIssue> issues = new ArrayList<>();
        if (!holdout && in.kind() == ExperimentInput.Kind.HOLDOUT) {
            issues.add(new FieldIssue("kind", "a holdout is created with POST /api/v1/holdouts"));
        }
        slug(in.key(), "key", issues);
        slug(in.systemKey(), "systemKey", issues);
        DesignInputChecks.required(in.kind(), "kind", issues);
        DesignInputChecks.required(in.unitType(), "unitType", issues);
        if (in.hypothesis() == null || in.hypothesis().isBlank()) {
            issues.add(new FieldIssue("hypothesis", "is required"));
        } else if (in.hypothesis().length() > MAX_TEXT) {
            issues.add(new FieldIssue("hypothesis", "must have at most " + MAX_TEXT + " characters"));
        }
        List<VariantSpec> variants = DesignInputChecks.variants(in.variants(), issues);
        double traffic = in.trafficFraction() == null ? 1.0 : in.trafficFraction();
        if (!(traffic > 0 && traffic <= 1)) {
            issues.add(new FieldIssue("trafficFraction", "must be in (0, 1]"));
        }
        double alpha = in.alpha() == null ? 0.05 : in.alpha();
        if (!(alpha > 0 && alpha <= 0.5)) {
            issues.add(new FieldIssue("alpha", "must be in (0, 0.5]"));
        }
        double power = in.power() == null ? 0.8 : in.power();
        if (!(power > 0 && power < 1)) {
            issues.add(new FieldIssue("power", "must be strictly between 0 and 1"));
        }
        MetricSpec metric = DesignInputChecks.primaryMetric(in.primaryMetric(), issues);
        List<GuardrailSpec> guardrails = DesignInputChecks.guardrails(in.guardrails(), metric, issues);
        Duration maxDuration = maxDuration(in.maxDuration(), issues);
        BanditSpec bandit = BanditInputChecks.bandit(in, metric, variants.size(), issues);
        Double daily = in.expectedDailyUnits();
        if (daily != null && !(daily > 0 && Double.isFinite(daily))) {
            issues.add(new FieldIssue("expectedDailyUnits", "must be a positive number"));
        }
        Long required = issues.isEmpty() ? requiredUnits(metric, alpha, power, issues) : null;
        if (!issues.isEmpty()) {
            throw new UnprocessableProblem(issues);
        }
        List<String> warnings = new ArrayList<>();
        Long days = null;
        if (daily == null) {
            warnings.add(("expectedDailyUnits is not given, so it is not checked that maxDuration %s is long enough to "
                    + "reach %,d units per variant").formatted(in.maxDuration(), required));
        } else {
            double minWeight = variants.stream().mapToDouble(VariantSpec::weight).min().orElse(1);
            days = (long) Math.ceil(required / (daily * traffic * minWeight));
            if (Duration.ofDays(days).compareTo(maxDuration) > 0) {
                throw new UnprocessableProblem("maxDuration", ("%s is too short: %,d units per variant at %s eligible "
                        + "units a day, traffic fraction %s and a smallest weight of %s need %d days")
                        .formatted(in.maxDuration(), required, DesignInputChecks.format(daily),
                                DesignInputChecks.format(traffic), DesignInputChecks.format(minWeight), days));
            }
        }
        return new ExperimentPlan(in.key(), in.systemKey(), in.kind(), in.hypothesis().strip(), in.unitType(), variants,
                traffic, metric, guardrails, alpha, power, in.analysis() == null ? AnalysisMethod.FREQUENTIST : in.analysis(),
                in.correction() == null ? MultipleTestingCorrection.HOLM : in.correction(), in.maxDuration(), maxDuration,
                daily, required, days, List.copyOf(warnings), bandit);
    }

    private static void slug(String value, String field, List<FieldIssue> issues) {
        if (value == null || value.isBlank()) {
            issues.add(new FieldIssue(field, "is required"));
        } else if (!SLUG.matcher(value).matches()) {
            issues.add(new FieldIssue(field, "must be a slug: a-z, 0-9 and '-', 2 to 64 characters"));
        }
    }

    /** The length of a stored (already checked) max duration. */
    public static Duration lengthOf(String maxDuration) {
        Duration d = maxDuration(maxDuration, new ArrayList<>());
        if (d == null) {
            throw new IllegalStateException("stored max duration " + maxDuration + " is invalid");
        }
        return d;
    }

    /** ISO-8601: {@code P28D}, {@code PT36H} or {@code P4W}; months and years are refused as ambiguous. */
    static Duration maxDuration(String text, List<FieldIssue> issues) {
        if (text == null || text.isBlank()) {
            issues.add(new FieldIssue("maxDuration", "is required (ISO-8601, e.g. P28D): no experiment runs forever"));
            return null;
        }
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            try {
                Period period = Period.parse(text);
                if (period.getYears() != 0 || period.getMonths() != 0) {
                    issues.add(new FieldIssue("maxDuration", "must be in days or weeks, not months or years"));
                    return null;
                }
                duration = Duration.ofDays(period.getDays());
            } catch (DateTimeParseException notAPeriod) {
                issues.add(new FieldIssue("maxDuration", "must be an ISO-8601 duration such as P28D"));
                return null;
            }
        }
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            issues.add(new FieldIssue("maxDuration", "must be between PT1H and P366D"));
            return null;
        }
        return duration;
    }

    private static Long requiredUnits(MetricSpec m, double alpha, double power, List<FieldIssue> issues) {
        double effect = m.direction() == Direction.DECREASE ? -m.minimumDetectableEffect() : m.minimumDetectableEffect();
        try {
            SampleSizeRequest request = m.type() == MetricType.BINOMIAL
                    ? new SampleSizeRequest.Binomial(m.baselineRate(), effect, alpha, power)
                    : new SampleSizeRequest.Continuous(m.baselineMean(), m.baselineStdDev(), effect, alpha, power);
            return SampleSizeCalculator.unitsPerVariant(request).unitsPerVariant();
        } catch (InvalidStatisticsInputException e) {
            String field = e.field().equals("alpha") || e.field().equals("power") ? e.field() : "primaryMetric." + e.field();
            issues.add(new FieldIssue(field, e.getMessage()));
            return null;
        }
    }
}
