package io.refinery.experiments.domain;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.refinery.experiments.analysis.AnalysisMethod;
import io.refinery.experiments.analysis.Direction;
import io.refinery.experiments.analysis.ExperimentDesign;
import io.refinery.experiments.analysis.GuardrailSpec;
import io.refinery.experiments.analysis.MetricSpec;
import io.refinery.experiments.analysis.VariantSpec;
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
        long requiredUnitsPerVariant, Long requiredDays, List<String> warnings) {

    public static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,63}$");
    public static final Pattern VARIANT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$");
    public static final Pattern METRIC = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,99}$");
    public static final int MAX_VARIANTS = 10;
    public static final int MAX_GUARDRAILS = 10;
    private static final int MAX_TEXT = 2000;
    private static final Duration MIN_DURATION = Duration.ofHours(1);
    private static final Duration MAX_DURATION = Duration.ofDays(366);
    private static final double WEIGHT_TOLERANCE = 1e-9;

    public ExperimentDesign design() {
        return new ExperimentDesign(variants, primaryMetric, guardrails, alpha, analysis, correction,
                requiredUnitsPerVariant);
    }

    /** Checks {@code in}; throws {@link UnprocessableProblem} listing every field at fault. */
    public static ExperimentPlan of(ExperimentInput in) {
        if (in == null) {
            throw new UnprocessableProblem("body", "is required");
        }
        List<FieldIssue> issues = new ArrayList<>();
        slug(in.key(), "key", issues);
        slug(in.systemKey(), "systemKey", issues);
        required(in.kind(), "kind", issues);
        required(in.unitType(), "unitType", issues);
        if (in.hypothesis() == null || in.hypothesis().isBlank()) {
            issues.add(new FieldIssue("hypothesis", "is required"));
        } else if (in.hypothesis().length() > MAX_TEXT) {
            issues.add(new FieldIssue("hypothesis", "must have at most " + MAX_TEXT + " characters"));
        }
        List<VariantSpec> variants = variants(in.variants(), issues);
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
        MetricSpec metric = primaryMetric(in.primaryMetric(), issues);
        List<GuardrailSpec> guardrails = guardrails(in.guardrails(), metric, issues);
        Duration maxDuration = maxDuration(in.maxDuration(), issues);
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
                        .formatted(in.maxDuration(), required, format(daily), format(traffic), format(minWeight), days));
            }
        }
        return new ExperimentPlan(in.key(), in.systemKey(), in.kind(), in.hypothesis().strip(), in.unitType(), variants,
                traffic, metric, guardrails, alpha, power, in.analysis() == null ? AnalysisMethod.FREQUENTIST : in.analysis(),
                in.correction() == null ? MultipleTestingCorrection.HOLM : in.correction(), in.maxDuration(), maxDuration,
                daily, required, days, List.copyOf(warnings));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }

    private static void slug(String value, String field, List<FieldIssue> issues) {
        if (value == null || value.isBlank()) {
            issues.add(new FieldIssue(field, "is required"));
        } else if (!SLUG.matcher(value).matches()) {
            issues.add(new FieldIssue(field, "must be a slug: a-z, 0-9 and '-', 2 to 64 characters"));
        }
    }

    private static void required(Object value, String field, List<FieldIssue> issues) {
        if (value == null) {
            issues.add(new FieldIssue(field, "is required"));
        }
    }

    private static List<VariantSpec> variants(List<ExperimentInput.VariantInput> in, List<FieldIssue> issues) {
        if (in == null || in.size() < 2 || in.size() > MAX_VARIANTS) {
            issues.add(new FieldIssue("variants", "needs 2 to " + MAX_VARIANTS + " variants"));
            return List.of();
        }
        List<VariantSpec> variants = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int controls = 0;
        double sum = 0;
        boolean weightsOk = true;
        for (int i = 0; i < in.size(); i++) {
            ExperimentInput.VariantInput v = in.get(i);
            String path = "variants[" + i + "]";
            if (v == null) {
                issues.add(new FieldIssue(path, "is required"));
                weightsOk = false;
                continue;
            }
            if (v.key() == null || !VARIANT.matcher(v.key()).matches()) {
                issues.add(new FieldIssue(path + ".key", "is required: letters, digits, '_' and '-', up to 64 characters"));
            }
            if (v.key() != null && !keys.add(v.key())) {
                issues.add(new FieldIssue(path + ".key", "repeats another variant's key"));
            }
            if (v.weight() == null || !(v.weight() > 0 && v.weight() <= 1)) {
                issues.add(new FieldIssue(path + ".weight", "is required and must be in (0, 1]"));
                weightsOk = false;
            } else {
                sum += v.weight();
            }
            if (Boolean.TRUE.equals(v.control())) {
                controls++;
            }
            if (v.description() != null && v.description().length() > MAX_TEXT) {
                issues.add(new FieldIssue(path + ".description", "must have at most " + MAX_TEXT + " characters"));
            }
            variants.add(new VariantSpec(v.key(), v.weight() == null ? 0 : v.weight(), Boolean.TRUE.equals(v.control()),
                    v.description()));
        }
        if (controls != 1) {
            issues.add(new FieldIssue("variants", "exactly one variant must be the control, found " + controls));
        }
        if (weightsOk && Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
            issues.add(new FieldIssue("variants", "weights must sum to 1, they sum to " + format(sum)));
        }
        return variants;
    }

    private static MetricSpec primaryMetric(ExperimentInput.MetricInput m, List<FieldIssue> issues) {
        if (m == null) {
            issues.add(new FieldIssue("primaryMetric", "is required: every experiment needs a primary success metric"));
            return null;
        }
        metricName(m.name(), "primaryMetric.name", issues);
        required(m.type(), "primaryMetric.type", issues);
        required(m.direction(), "primaryMetric.direction", issues);
        Double mde = m.minimumDetectableEffect();
        if (mde == null) {
            issues.add(new FieldIssue("primaryMetric.minimumDetectableEffect", "is required, e.g. 0.05 for a 5 % change"));
        } else if (!(mde > 0 && mde < 10)) {
            issues.add(new FieldIssue("primaryMetric.minimumDetectableEffect", "must be a relative change in (0, 10)"));
        }
        if (m.type() == MetricType.BINOMIAL && m.baselineRate() == null) {
            issues.add(new FieldIssue("primaryMetric.baselineRate", "is required for a BINOMIAL metric"));
        }
        if (m.type() == MetricType.CONTINUOUS) {
            if (m.baselineMean() == null) {
                issues.add(new FieldIssue("primaryMetric.baselineMean", "is required for a CONTINUOUS metric"));
            }
            if (m.baselineStdDev() == null) {
                issues.add(new FieldIssue("primaryMetric.baselineStdDev", "is required for a CONTINUOUS metric"));
            }
        }
        return new MetricSpec(m.name(), m.type(), m.direction(), mde == null ? 0 : mde, m.baselineRate(),
                m.baselineMean(), m.baselineStdDev());
    }

    private static void metricName(String name, String field, List<FieldIssue> issues) {
        if (name == null || name.isBlank()) {
            issues.add(new FieldIssue(field, "is required"));
        } else if (!METRIC.matcher(name).matches()) {
            issues.add(new FieldIssue(field, "must be lowercase: a-z, 0-9, '_', '.', '-' (up to 100 characters)"));
        }
    }

    private static List<GuardrailSpec> guardrails(List<ExperimentInput.GuardrailInput> in, MetricSpec primary,
            List<FieldIssue> issues) {
        if (in == null) {
            return List.of();
        }
        if (in.size() > MAX_GUARDRAILS) {
            issues.add(new FieldIssue("guardrails", "at most " + MAX_GUARDRAILS + " guardrails"));
            return List.of();
        }
        List<GuardrailSpec> guardrails = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (primary != null && primary.name() != null) {
            names.add(primary.name());
        }
        for (int i = 0; i < in.size(); i++) {
            ExperimentInput.GuardrailInput g = in.get(i);
            String path = "guardrails[" + i + "]";
            if (g == null) {
                issues.add(new FieldIssue(path, "is required"));
                continue;
            }
            metricName(g.name(), path + ".name", issues);
            if (g.name() != null && !names.add(g.name())) {
                issues.add(new FieldIssue(path + ".name", "repeats the primary metric or another guardrail"));
            }
            required(g.type(), path + ".type", issues);
            required(g.direction(), path + ".direction", issues);
            if (g.maxRegression() == null || !(g.maxRegression() >= 0 && g.maxRegression() <= 10)) {
                issues.add(new FieldIssue(path + ".maxRegression", "is required: a relative change in [0, 10], e.g. 0.02"));
            }
            guardrails.add(new GuardrailSpec(g.name(), g.type(), g.direction(),
                    g.maxRegression() == null ? 0 : g.maxRegression()));
        }
        return guardrails;
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
