package io.refinery.oversight.report.learnings;

import java.util.Set;

/**
 * The thresholds behind the capability gaps and roadmap signals, and which metrics measure discovery (people find
 * and engage with what the AI shows) versus conversion (they buy).
 */
public record FindingRules(Set<String> discoveryMetrics, Set<String> conversionMetrics, int repeatedDrift,
        int minDecisionsForOverride, double overriddenRate, int minReviewsForSla, double slaBreachRate,
        double slowResolutionHours, int minConcluded, double winRate, double inconclusiveShare, int repeatedContradictions,
        int repeatedDataSourceDrift) {

    public static final FindingRules DEFAULTS = new FindingRules(
            Set.of("ctr", "click_through_rate", "add_to_cart_rate", "precision_at_10", "recall_at_10", "search_ctr",
                    "engagement_rate"),
            Set.of("conversion_rate", "checkout_rate", "purchase_rate", "revenue_per_visit", "average_order_value"),
            2, 5, 0.8, 5, 0.2, 72, 3, 0.5, 0.5, 2, 2);
}
