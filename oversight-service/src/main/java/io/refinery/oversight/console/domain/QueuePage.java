package io.refinery.oversight.console.domain;

import java.util.List;

/**
 * The queue page: the requests matching the filter by due time (at most {@code limit}; {@code truncated} says there
 * are more), the choices of the filter form, and a confirmation from the last form, if any.
 */
public record QueuePage(ConsoleFrame frame, QueueFilter filter, List<QueueRow> rows, boolean truncated, int limit,
        Options options, Notice notice) {

    /** What the filter form offers: every tier and state, and the systems and action types seen in requests. */
    public record Options(List<String> tiers, List<String> states, List<String> systems, List<String> actionTypes) {
    }

    public long overdueShown() {
        return rows.stream().filter(r -> r.sla() == SlaStatus.OVERDUE).count();
    }
}
