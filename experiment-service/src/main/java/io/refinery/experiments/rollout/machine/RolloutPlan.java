package io.refinery.experiments.rollout.machine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a phase plan: at least one phase and at most {@link #MAX_PHASES}; unique names; traffic above 0 and at most
 * 100 %, never lower than the phase before; a minimum duration from 0 to 365 days; a scope that holds the previous
 * phase's scope (phases widen: one category → several, one warehouse → regional clusters, one segment → adjacent
 * segments). Each problem names its field, e.g. {@code phases[1].scope}.
 */
public final class RolloutPlan {

    public static final int MAX_PHASES = 20;
    private static final Duration MAX_MIN_DURATION = Duration.ofDays(365);

    /** A problem with one field of the plan. */
    public record Issue(String field, String message) {
    }

    private RolloutPlan() {
    }

    public static List<Issue> issues(List<Phase> phases) {
        List<Issue> issues = new ArrayList<>();
        if (phases == null || phases.isEmpty()) {
            issues.add(new Issue("phases", "a rollout needs at least one phase"));
            return issues;
        }
        if (phases.size() > MAX_PHASES) {
            issues.add(new Issue("phases", "at most " + MAX_PHASES + " phases"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            String at = "phases[" + i + "]";
            if (p.name() == null || p.name().isBlank()) {
                issues.add(new Issue(at + ".name", "is required"));
            } else if (!names.add(p.name())) {
                issues.add(new Issue(at + ".name", "appears more than once"));
            }
            if (!(p.trafficPercent() > 0 && p.trafficPercent() <= 100)) {
                issues.add(new Issue(at + ".trafficPercent", "must be above 0 and at most 100"));
            } else if (i > 0 && p.trafficPercent() < phases.get(i - 1).trafficPercent()) {
                issues.add(new Issue(at + ".trafficPercent", "must not be lower than the previous phase's ("
                        + phases.get(i - 1).trafficPercent() + ")"));
            }
            if (p.minDuration() == null || p.minDuration().isNegative() || p.minDuration().compareTo(MAX_MIN_DURATION) > 0) {
                issues.add(new Issue(at + ".minDuration", "must be an ISO-8601 duration from P0D to P365D"));
            }
            if (i > 0 && !p.scope().covers(phases.get(i - 1).scope())) {
                issues.add(new Issue(at + ".scope", "must hold the previous phase's scope: phases widen, never narrow"));
            }
            for (int c = 0; c < p.exitCriteria().size(); c++) {
                ExitCriterion e = p.exitCriteria().get(c);
                if (e.metric() == null || e.metric().isBlank()) {
                    issues.add(new Issue(at + ".exitCriteria[" + c + "].metric", "is required"));
                }
                if (e.comparison() == null) {
                    issues.add(new Issue(at + ".exitCriteria[" + c + "].comparison",
                            "must be AT_LEAST, AT_MOST, ABOVE or BELOW"));
                }
            }
        }
        return issues;
    }
}
