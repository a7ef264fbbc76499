package io.refinery.experiments.rollout.machine;

import java.time.Duration;
import java.util.List;

/**
 * One phase of a rollout: where it applies, the share of in-scope units that get the rolled-out variant, how long
 * it runs at least, and what its metrics must show before the next phase may be asked for.
 */
public record Phase(String name, PhaseScope scope, double trafficPercent, Duration minDuration,
        List<ExitCriterion> exitCriteria) {

    public Phase {
        exitCriteria = exitCriteria == null ? List.of() : List.copyOf(exitCriteria);
    }
}
