package io.refinery.experiments.rollout.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The readiness gate: every dimension must score at least the configured minimum, and a dimension only the
 * platform has scored must be confirmed by a person ({@code requireConfirmation}) before it counts. Each dimension
 * that blocks says why.
 */
public final class ReadinessGate {

    /** A dimension that blocks the rollout, and why. */
    public record Blocker(ReadinessDimension dimension, String reason) {
    }

    private ReadinessGate() {
    }

    public static List<Blocker> blockers(Map<ReadinessDimension, DimensionAssessment> assessment, int minimumScore,
            boolean requireConfirmation) {
        List<Blocker> blockers = new ArrayList<>();
        for (ReadinessDimension d : ReadinessDimension.values()) {
            DimensionAssessment a = assessment.get(d);
            if (a == null || a.effectiveScore() == null) {
                blockers.add(new Blocker(d, "not assessed: answer " + String.join(" ", d.questions())));
                continue;
            }
            if (requireConfirmation && a.origin() == DimensionAssessment.Origin.MEASURED) {
                blockers.add(new Blocker(d, "measured at " + a.measuredScore() + " (" + a.measuredEvidence()
                        + ") but not confirmed by a person: give a score"));
                continue;
            }
            if (a.effectiveScore() < minimumScore) {
                blockers.add(new Blocker(d, "scored " + a.effectiveScore() + ", below the minimum of " + minimumScore
                        + (a.evidence() == null ? "" : " (" + a.evidence() + ")")));
            }
        }
        return blockers;
    }
}
