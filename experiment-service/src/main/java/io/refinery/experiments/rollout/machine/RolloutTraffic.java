package io.refinery.experiments.rollout.machine;

import java.util.List;
import java.util.Map;

import io.refinery.experiments.assignment.allocation.Allocation;

/**
 * Who gets the rolled-out variant: a unit in the serving phase's scope whose hash falls under the phase's traffic.
 * The hash is the experiments' ({@link Allocation}, MurmurHash3 over {@code "rollout:" + key + ":" + unitId}), so a
 * unit keeps the variant as traffic grows from phase to phase (raising the share only adds units) and the rollout's
 * draw is independent of every experiment's.
 */
public final class RolloutTraffic {

    private RolloutTraffic() {
    }

    /**
     * Why a unit does or does not get the variant; HOLDOUT: the system's holdout keeps the unit out of every rollout
     * created since it began (decided by assignment, before the phase's draw).
     */
    public enum Reason { SERVED, NOT_SERVING, OUT_OF_SCOPE, OUTSIDE_TRAFFIC, HOLDOUT }

    public record Decision(boolean variant, Reason reason, String phase) {
    }

    public static Decision decide(String rolloutKey, String variant, RolloutPosition position, List<Phase> phases,
            String unitId, Map<String, String> attributes) {
        if (!position.serving()) {
            return new Decision(false, Reason.NOT_SERVING, null);
        }
        Phase phase = phases.get(position.phase());
        if (!phase.scope().matches(attributes)) {
            return new Decision(false, Reason.OUT_OF_SCOPE, phase.name());
        }
        String drawn = new Allocation("rollout:" + rolloutKey, phase.trafficPercent() / 100.0, List.of(variant),
                List.of(1.0)).assign(unitId);
        return drawn == null ? new Decision(false, Reason.OUTSIDE_TRAFFIC, phase.name())
                : new Decision(true, Reason.SERVED, phase.name());
    }
}
