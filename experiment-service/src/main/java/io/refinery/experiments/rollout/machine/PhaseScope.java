package io.refinery.experiments.rollout.machine;

import java.util.List;
import java.util.Map;

/**
 * Where a phase applies: product categories, regions, customer segments, warehouses. An empty list means "any" on
 * that axis. A unit is in scope when each of its attributes is listed on every axis that lists values (a unit that
 * does not say its value on a listed axis is not in scope).
 */
public record PhaseScope(List<String> categories, List<String> regions, List<String> segments, List<String> warehouses) {

    public static final PhaseScope EVERYWHERE = new PhaseScope(List.of(), List.of(), List.of(), List.of());

    public PhaseScope {
        categories = categories == null ? List.of() : List.copyOf(categories);
        regions = regions == null ? List.of() : List.copyOf(regions);
        segments = segments == null ? List.of() : List.copyOf(segments);
        warehouses = warehouses == null ? List.of() : List.copyOf(warehouses);
    }

    /** Whether a unit with these attributes (category, region, segment, warehouse) is in scope. */
    public boolean matches(Map<String, String> attributes) {
        return axis(categories, attributes.get("category")) && axis(regions, attributes.get("region"))
                && axis(segments, attributes.get("segment")) && axis(warehouses, attributes.get("warehouse"));
    }

    /** Whether this scope holds all of {@code other} on every axis: a later phase widens, never narrows. */
    public boolean covers(PhaseScope other) {
        return holds(categories, other.categories) && holds(regions, other.regions) && holds(segments, other.segments)
                && holds(warehouses, other.warehouses);
    }

    private static boolean axis(List<String> listed, String value) {
        return listed.isEmpty() || (value != null && listed.contains(value));
    }

    private static boolean holds(List<String> wide, List<String> narrow) {
        return wide.isEmpty() || (!narrow.isEmpty() && wide.containsAll(narrow));
    }
}
