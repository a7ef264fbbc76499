package io.refinery.experiments.experiment.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.refinery.experiments.experiment.design.GuardrailSpec;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.stats.MetricType;
import io.refinery.platform.problem.FieldIssue;

/**
 * The field checks of {@link ExperimentPlan#of} for what an experiment compares and measures: its variants (one
 * control, weights summing to 1), its primary metric and its guardrails. Each adds a {@link FieldIssue} per field at
 * fault and returns what it could read, so one 422 lists every problem.
 */
final class DesignInputChecks {

    private static final double WEIGHT_TOLERANCE = 1e-9;

    private DesignInputChecks() {
    }

    static void required(Object value, String field, List<FieldIssue> issues) {
        if (value == null) {
            issues.add(new FieldIssue(field, "is required"));
        }
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }

    static List<VariantSpec> variants(List<ExperimentInput.VariantInput> in, List<FieldIssue> issues) {
        if (in == null || in.size() < 2 || in.size() > ExperimentPlan.MAX_VARIANTS) {
            issues.add(new FieldIssue("variants", "needs 2 to " + ExperimentPlan.MAX_VARIANTS + " variants"));
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
            if (v.key() == null || !ExperimentPlan.VARIANT.matcher(v.key()).matches()) {
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
            if (v.description() != null && v.description().length() > ExperimentPlan.MAX_TEXT) {
                issues.add(new FieldIssue(path + ".description", "must have at most " + ExperimentPlan.MAX_TEXT + " characters"));
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

    static MetricSpec primaryMetric(ExperimentInput.MetricInput m, List<FieldIssue> issues) {
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
        if (m.type() == MetricType.CONTINUOUS || m.type() == MetricType.RATIO || m.type() == MetricType.QUANTILE) {
            String what = switch (m.type()) {
                case RATIO -> "the current ratio";
                case QUANTILE -> "the current value of the quantile";
                default -> "the current mean per unit";
            };
            if (m.baselineMean() == null) {
                issues.add(new FieldIssue("primaryMetric.baselineMean", "is required for a " + m.type() + " metric: "
                        + what));
            }
            if (m.baselineStdDev() == null) {
                issues.add(new FieldIssue("primaryMetric.baselineStdDev", "is required for a " + m.type() + " metric"
                        + (m.type() == MetricType.CONTINUOUS ? ""
                                : ": the estimate's standard error times the square root of the units (a result's stdDev)")));
            }
        }
        denominator(m.type(), m.name(), m.denominator(), "primaryMetric", issues);
        quantile(m.type(), m.quantile(), "primaryMetric", issues);
        Double margin = m.nonInferiorityMargin();
        if (margin != null && !(margin > 0 && margin < 1)) {
            issues.add(new FieldIssue("primaryMetric.nonInferiorityMargin",
                    "must be a relative loss in (0, 1), e.g. 0.02 for 'no more than 2 % worse'"));
        }
        return new MetricSpec(m.name(), m.type(), m.direction(), mde == null ? 0 : mde, m.baselineRate(),
                m.baselineMean(), m.baselineStdDev(), m.type() == MetricType.RATIO ? m.denominator() : null,
                m.type() == MetricType.QUANTILE ? m.quantile() : null, margin);
    }

    /** A QUANTILE metric names its quantile, strictly between 0 and 1; other types name none. */
    static void quantile(MetricType type, Double quantile, String path, List<FieldIssue> issues) {
        String field = path + ".quantile";
        if (type != MetricType.QUANTILE) {
            if (quantile != null) {
                issues.add(new FieldIssue(field, "is for QUANTILE metrics only"));
            }
        } else if (quantile == null || !(quantile > 0 && quantile < 1)) {
            issues.add(new FieldIssue(field, "is required for a QUANTILE metric: strictly between 0 and 1, e.g. 0.9 for p90"));
        }
    }

    /** A RATIO metric names its denominator, another metric; other types name none. */
    static void denominator(MetricType type, String name, String denominator, String path, List<FieldIssue> issues) {
        String field = path + ".denominator";
        if (type != MetricType.RATIO) {
            if (denominator != null) {
                issues.add(new FieldIssue(field, "is for RATIO metrics only"));
            }
            return;
        }
        if (denominator == null) {
            issues.add(new FieldIssue(field, "is required for a RATIO metric: the metric the name is divided by, "
                    + "e.g. sessions for revenue per session"));
            return;
        }
        metricName(denominator, field, issues);
        if (denominator.equals(name)) {
            issues.add(new FieldIssue(field, "must differ from the name: a metric over itself is 1"));
        }
    }

    static void metricName(String name, String field, List<FieldIssue> issues) {
        if (name == null || name.isBlank()) {
            issues.add(new FieldIssue(field, "is required"));
        } else if (!ExperimentPlan.METRIC.matcher(name).matches()) {
            issues.add(new FieldIssue(field, "must be lowercase: a-z, 0-9, '_', '.', '-' (up to 100 characters)"));
        }
    }

    static List<GuardrailSpec> guardrails(List<ExperimentInput.GuardrailInput> in, MetricSpec primary,
            List<FieldIssue> issues) {
        if (in == null) {
            return List.of();
        }
        if (in.size() > ExperimentPlan.MAX_GUARDRAILS) {
            issues.add(new FieldIssue("guardrails", "at most " + ExperimentPlan.MAX_GUARDRAILS + " guardrails"));
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
            denominator(g.type(), g.name(), g.denominator(), path, issues);
            quantile(g.type(), g.quantile(), path, issues);
            guardrails.add(new GuardrailSpec(g.name(), g.type(), g.direction(),
                    g.maxRegression() == null ? 0 : g.maxRegression(),
                    g.type() == MetricType.RATIO ? g.denominator() : null,
                    g.type() == MetricType.QUANTILE ? g.quantile() : null));
        }
        return guardrails;
    }
}
