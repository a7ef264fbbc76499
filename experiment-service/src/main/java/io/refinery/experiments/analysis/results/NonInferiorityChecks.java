package io.refinery.experiments.analysis.results;

import java.util.ArrayList;
import java.util.List;

import io.refinery.experiments.experiment.design.Direction;
import io.refinery.experiments.experiment.design.ExperimentDesign;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.stats.AdjustedPValues;
import io.refinery.experiments.stats.ArmStatistic;
import io.refinery.experiments.stats.CupedAdjustment;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.NonInferiorityTest;
import io.refinery.experiments.stats.PValueAdjustment;

/**
 * The primary metric's non-inferiority tests when the design states a margin: each treatment against control on the
 * same arms as the superiority comparison (CUPED-adjusted when CUPED applies), the one-sided p-values adjusted by the
 * design's correction. Pure; used by {@link PrimaryComparisons}.
 */
final class NonInferiorityChecks {

    private NonInferiorityChecks() {
    }

    static List<ExperimentResults.NonInferiority> check(ExperimentDesign design, VariantData control,
            List<VariantData> treatments, boolean cuped) {
        MetricSpec metric = design.primaryMetric();
        double margin = metric.nonInferiorityMargin();
        boolean higherIsBetter = metric.direction() == Direction.INCREASE;
        List<NonInferiorityTest.Result> results = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (VariantData t : treatments) {
            ArmStatistic c;
            ArmStatistic x;
            MetricType type = metric.type();
            if (cuped) {
                CupedAdjustment.AdjustedArms arms = CupedAdjustment.adjust(
                        PrimaryComparisons.regression(control, metric.name()), PrimaryComparisons.regression(t, metric.name()));
                c = arms.control();
                x = arms.treatment();
                type = MetricType.CONTINUOUS;
            } else {
                c = PrimaryComparisons.arm(control, metric);
                x = PrimaryComparisons.arm(t, metric);
            }
            NonInferiorityTest.Result r = NonInferiorityTest.test(type, c, x, higherIsBetter, margin, design.alpha());
            results.add(r);
            pValues.add(r.pValue());
        }
        AdjustedPValues adjusted = PValueAdjustment.adjust(pValues, design.correction());
        List<ExperimentResults.NonInferiority> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            NonInferiorityTest.Result r = results.get(i);
            Double p = adjusted.adjusted().get(i);
            out.add(new ExperimentResults.NonInferiority(margin, r.pValue(), p, r.worstLift(),
                    p == null ? null : p < design.alpha(), r.status().name()));
        }
        return out;
    }
}
