package io.refinery.experiments.experiment.design;

import java.util.List;

import io.refinery.experiments.stats.MultipleTestingCorrection;

/**
 * What the analysis of one experiment needs to know about its design.
 *
 * @param variants in declaration order, exactly one control
 * @param primaryMetric the success metric
 * @param guardrails metrics that must not regress
 * @param alpha significance level (or 1 − the Bayesian decision threshold)
 * @param analysis FREQUENTIST, BAYESIAN or SEQUENTIAL
 * @param correction how treatments' p-values are adjusted when there are several
 * @param requiredUnitsPerVariant the planned sample size per variant
 * @param power the power the sample size was planned for
 * @param kind a test of treatments, an A/A test or a holdout
 */
public record ExperimentDesign(List<VariantSpec> variants, MetricSpec primaryMetric, List<GuardrailSpec> guardrails,
        double alpha, AnalysisMethod analysis, MultipleTestingCorrection correction, long requiredUnitsPerVariant,
        double power, DesignKind kind) {

    /** The default planned power. */
    public static final double DEFAULT_POWER = 0.8;

    public ExperimentDesign {
        variants = List.copyOf(variants);
        guardrails = List.copyOf(guardrails);
    }

    /** A design planned for {@link #DEFAULT_POWER}. */
    public ExperimentDesign(List<VariantSpec> variants, MetricSpec primaryMetric, List<GuardrailSpec> guardrails,
            double alpha, AnalysisMethod analysis, MultipleTestingCorrection correction, long requiredUnitsPerVariant) {
        this(variants, primaryMetric, guardrails, alpha, analysis, correction, requiredUnitsPerVariant, DEFAULT_POWER,
                DesignKind.TREATMENT_TEST);
    }

    /** Whether the variants are identical on purpose (an A/A test): a difference found is a failure. */
    public boolean aaTest() {
        return kind == DesignKind.AA_TEST;
    }

    /** Whether this is a holdout: control holds the units kept out, the treatment everyone else. */
    public boolean holdout() {
        return kind == DesignKind.HOLDOUT;
    }

    public VariantSpec control() {
        return variants.stream().filter(VariantSpec::control).findFirst().orElseThrow();
    }

    public List<VariantSpec> treatments() {
        return variants.stream().filter(v -> !v.control()).toList();
    }
}
