package io.refinery.experiments.assignment.allocation;

import java.util.List;
import java.util.Map;

/**
 * An immutable picture of the experiments, taken from the database, that assignment is served from without a
 * database round trip: every experiment's state by key, and an {@link Allocation} for each RUNNING one.
 *
 * @param byKey every experiment by key
 * @param runningBySystem the allocations of the RUNNING experiments of each system, by experiment key
 */
public record AssignmentSnapshot(Map<String, Entry> byKey, Map<String, List<Allocation>> runningBySystem) {

    public static final AssignmentSnapshot EMPTY = new AssignmentSnapshot(Map.of(), Map.of());

    /**
     * One experiment.
     *
     * @param state its lifecycle state (DRAFT, RUNNING, STOPPED, CONCLUDED)
     * @param systemKey its AI system
     * @param allocation how units are assigned; null unless RUNNING
     */
    public record Entry(String state, String systemKey, Allocation allocation) {
    }

    public AssignmentSnapshot {
        byKey = Map.copyOf(byKey);
        runningBySystem = Map.copyOf(runningBySystem);
    }
}
