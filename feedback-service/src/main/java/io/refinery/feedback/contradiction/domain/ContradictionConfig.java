package io.refinery.feedback.contradiction.domain;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Knobs of the contradiction check (metrics against customers), {@code refinery.contradictions.*}. */
@ConfigMapping(prefix = "refinery.contradictions")
public interface ContradictionConfig {

    /** Closed periods in the metric's trend window, this one included (the Mann-Kendall test needs at least 4). */
    @WithDefault("7")
    int window();

    /**
     * Periods of the window that must have a closed value before the window is tested (default: all of them, so the
     * metric's trend and the feedback compared span the same days).
     */
    @WithDefault("7")
    int minPeriods();

    /** Feedback items needed in the window and in the window before it; fewer means no verdict. */
    @WithDefault("30")
    long minVolume();

    /** Significance level of both sides' tests. */
    @WithDefault("0.05")
    double alpha();

    /** Key metrics where a rise is good news. Other metrics are stored but not tested. */
    @WithDefault("ctr,click_through_rate,conversion_rate,add_to_cart_rate,engagement,engagement_rate,retention_rate,"
            + "revenue_per_session,acceptance_rate,resolution_rate,csat")
    List<String> keyMetrics();

    /** Key metrics where a fall is good news. */
    @WithDefault("bounce_rate,return_rate,abandonment_rate,escalation_rate,complaint_rate,handoff_rate")
    List<String> lowerIsBetter();

    /** Redacted feedback items quoted in the insight and the oversight request. */
    @WithDefault("3")
    int examples();
}
