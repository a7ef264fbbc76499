package io.refinery.experiments.rollout.machine;

import java.util.List;
import java.util.Locale;

/**
 * What the platform can measure for three of the five readiness dimensions, as a suggested score (1 to 5) with its
 * evidence; people confirm or correct it. Technical resources and change management cannot be measured.
 *
 * <ul>
 *   <li>Data infrastructure: 5, minus 2 when the system's metrics have stopped arriving (no closed rollup in the
 *       last two days), minus 1 per drift detection in the last 30 days (at most 2), minus 1 when an alert is
 *       FIRING now; at least 1.</li>
 *   <li>System dependencies: 5, minus 1 per other AI system of the same owner team (they share data and people;
 *       at most 2), minus 1 for each HIGH impact in the system's risk profile; at least 1.</li>
 *   <li>Financial projections, from the pilot's measured lift on its primary metric: 4 when the lower bound of its
 *       confidence interval is above 0, 3 when the lift is positive but the interval reaches 0, 1 when the lift is
 *       not positive; nothing without a pilot or a lift.</li>
 * </ul>
 */
public final class ReadinessPrefill {

    /** A measured score and what it rests on. */
    public record Measured(int score, String evidence) {
    }

    private ReadinessPrefill() {
    }

    public static Measured dataInfrastructure(boolean metricsArriving, int driftDetections30d, int firingAlerts) {
        int score = 5 - (metricsArriving ? 0 : 2) - Math.min(2, driftDetections30d) - (firingAlerts > 0 ? 1 : 0);
        return new Measured(Math.max(1, score), String.format(Locale.ROOT,
                "metrics %s; %d drift detection(s) in the last 30 days; %d alert(s) firing",
                metricsArriving ? "arriving" : "not arriving in the last two days", driftDetections30d, firingAlerts));
    }

    public static Measured systemDependencies(List<String> sameTeamSystems, List<String> highImpacts) {
        int score = 5 - Math.min(2, sameTeamSystems.size()) - highImpacts.size();
        return new Measured(Math.max(1, score), "other AI systems of the same team: "
                + (sameTeamSystems.isEmpty() ? "none" : String.join(", ", sameTeamSystems)) + "; HIGH impact: "
                + (highImpacts.isEmpty() ? "none" : String.join(", ", highImpacts)));
    }

    /** Null without a measured lift. */
    public static Measured financialProjections(Double lift, Double lowerBound) {
        if (lift == null) {
            return null;
        }
        int score = lift <= 0 ? 1 : lowerBound != null && lowerBound > 0 ? 4 : 3;
        return new Measured(score, String.format(Locale.ROOT, "pilot lift %+.2f%%%s", 100 * lift,
                lowerBound == null ? "" : String.format(Locale.ROOT, ", CI lower bound %+.2f%%", 100 * lowerBound)));
    }
}
