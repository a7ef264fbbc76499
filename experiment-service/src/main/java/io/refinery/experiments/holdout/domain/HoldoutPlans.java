package io.refinery.experiments.holdout.domain;

import java.util.ArrayList;
import java.util.List;

import io.refinery.experiments.assignment.allocation.Holdout;
import io.refinery.experiments.experiment.domain.ExperimentInput;
import io.refinery.experiments.experiment.domain.ExperimentPlan;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.UnprocessableProblem;

/**
 * Turns a {@link HoldoutInput} into the checked design of an experiment of kind HOLDOUT: control
 * {@value Holdout#HELD_OUT} weighted {@code share}, treatment {@value Holdout#EXPOSED} weighted 1 − share, traffic 1,
 * no guardrails. Every field at fault is named, the share's among the design's.
 */
final class HoldoutPlans {

    static final double DEFAULT_SHARE = 0.05;
    static final double MAX_SHARE = 0.5;

    private HoldoutPlans() {
    }

    static ExperimentPlan of(HoldoutInput in) {
        if (in == null) {
            throw new UnprocessableProblem("body", "is required: {key, systemKey, share, primaryMetric, maxDuration}");
        }
        List<FieldIssue> issues = new ArrayList<>();
        double share = in.share() == null ? DEFAULT_SHARE : in.share();
        if (!(share > 0 && share <= MAX_SHARE)) {
            issues.add(new FieldIssue("share", "must be in (0, " + MAX_SHARE + "]: the share of units kept out"));
            share = DEFAULT_SHARE;
        }
        String hypothesis = in.hypothesis() == null || in.hypothesis().isBlank()
                ? "What ships on " + in.systemKey() + " while this holdout runs improves " + metricName(in) + " overall"
                : in.hypothesis();
        ExperimentInput experiment = new ExperimentInput(in.key(), in.systemKey(), ExperimentInput.Kind.HOLDOUT,
                hypothesis, in.unitType() == null ? ExperimentInput.UnitType.USER : in.unitType(),
                List.of(new ExperimentInput.VariantInput(Holdout.HELD_OUT, share, true, "kept out of every change"),
                        new ExperimentInput.VariantInput(Holdout.EXPOSED, 1 - share, false, "gets what ships")),
                1.0, in.primaryMetric(), List.of(), in.alpha(), in.power(), in.analysis(), null, in.maxDuration(),
                in.expectedDailyUnits(), null);
        ExperimentPlan plan;
        try {
            plan = ExperimentPlan.ofHoldout(experiment);
        } catch (UnprocessableProblem p) {
            issues.addAll(p.issues());
            throw new UnprocessableProblem(issues);
        }
        if (!issues.isEmpty()) {
            throw new UnprocessableProblem(issues);
        }
        return plan;
    }

    private static String metricName(HoldoutInput in) {
        return in.primaryMetric() == null || in.primaryMetric().name() == null ? "the primary metric"
                : in.primaryMetric().name();
    }
}
