package io.refinery.experiments.assignment.allocation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An immutable picture of the experiments, taken from the database, that assignment is served from without a
 * database round trip: every experiment's state by key, an {@link Allocation} for each RUNNING one, and each system's
 * running {@link Holdout}.
 *
 * @param byKey every experiment by key
 * @param runningBySystem the allocations of the RUNNING experiments of each system, by experiment key
 * @param holdouts the running holdout of each system that has one
 */
public record AssignmentSnapshot(Map<String, Entry> byKey, Map<String, List<Allocation>> runningBySystem,
        Map<String, Holdout> holdouts) {

    public static final AssignmentSnapshot EMPTY = new AssignmentSnapshot(Map.of(), Map.of(), Map.of());

    /**
     * One experiment.
     *
     * @param state its lifecycle state (DRAFT, RUNNING, STOPPED, CONCLUDED)
     * @param systemKey its AI system
     * @param allocation how units are assigned; null unless RUNNING
     * @param startedAt when it started; null while DRAFT
     * @param weightsVersion a running bandit's current version of weights; null otherwise
     */
    public record Entry(String state, String systemKey, Allocation allocation, Instant startedAt, Integer weightsVersion) {
    }

    public AssignmentSnapshot {
        byKey = Map.copyOf(byKey);
        runningBySystem = Map.copyOf(runningBySystem);
        holdouts = Map.copyOf(holdouts);
    }
}
