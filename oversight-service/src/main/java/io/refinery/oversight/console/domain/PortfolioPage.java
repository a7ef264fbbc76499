package io.refinery.oversight.console.domain;

import java.util.List;

/**
 * The portfolio page (the Center of Excellence view): every registered AI system by the attention it needs (at most
 * {@code limit}; {@code truncated} says there are more), with the totals of the header.
 */
public record PortfolioPage(ConsoleFrame frame, List<PortfolioRow> rows, boolean truncated, int limit, int windowDays) {

    public long systemsWithOpenAlerts() {
        return rows.stream().filter(r -> r.health().openAlerts() > 0).count();
    }

    public long overdueReviews() {
        return rows.stream().mapToLong(r -> r.health().overdue()).sum();
    }

    public long pendingReviews() {
        return rows.stream().mapToLong(r -> r.health().pending()).sum();
    }

    public long coverageGaps() {
        return rows.stream().filter(r -> "gap".equals(r.health().coverage().code())).count();
    }
}
