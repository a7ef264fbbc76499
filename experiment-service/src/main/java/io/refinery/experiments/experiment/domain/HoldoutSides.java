package io.refinery.experiments.experiment.domain;

import io.refinery.experiments.analysis.results.ExperimentResults;
import io.refinery.experiments.assignment.allocation.Holdout;

/**
 * A holdout's results seen as its two sides: the held-out units (control), the exposed ones (the one treatment) and
 * the comparison of the exposed against the held out. Any part is null until it has data.
 */
public record HoldoutSides(ExperimentResults.VariantSummary heldOut, ExperimentResults.VariantSummary exposed,
        ExperimentResults.Comparison impact) {

    public static HoldoutSides of(ExperimentResults results) {
        ExperimentResults.VariantSummary held = null;
        ExperimentResults.VariantSummary exposed = null;
        for (ExperimentResults.VariantSummary v : results.variants()) {
            if (Holdout.HELD_OUT.equals(v.variant())) {
                held = v;
            } else if (Holdout.EXPOSED.equals(v.variant())) {
                exposed = v;
            }
        }
        return new HoldoutSides(held, exposed, results.primaryMetric().comparisons().isEmpty() ? null
                : results.primaryMetric().comparisons().get(0));
    }

    public long heldOutUnits() {
        return heldOut == null ? 0 : heldOut.units();
    }

    public long exposedUnits() {
        return exposed == null ? 0 : exposed.units();
    }
}
