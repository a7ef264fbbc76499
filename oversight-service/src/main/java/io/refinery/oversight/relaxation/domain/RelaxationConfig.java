package io.refinery.oversight.relaxation.domain;

import java.time.Duration;
import java.util.List;

import io.refinery.oversight.relaxation.advisor.RelaxationBar;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The bar for proposing a relaxation and what counts as an incident ({@code refinery.relaxation.*}). The defaults
 * are the example: 50 human decisions, 98 % approved unmodified, no incident, within 30 days.
 */
@ConfigMapping(prefix = "refinery.relaxation")
public interface RelaxationConfig {

    /** Human decisions (APPROVED, MODIFIED, REJECTED) the track needs. */
    @WithDefault("50")
    int minDecisions();

    /** Share of those approved without modification. */
    @WithDefault("0.98")
    double minUnmodifiedRate();

    /** Wilson score lower bound of that share, at {@link #z()}. */
    @WithDefault("0.85")
    double minLowerBound();

    /** Normal quantile of the Wilson bound (1.96: two-sided 95 %). */
    @WithDefault("1.959963984540054")
    double z();

    /** How many tiers below its rules an action type may go, one approved proposal at a time (0..2). */
    @WithDefault("2")
    int maxRelaxedTiers();

    /** Decisions and incidents older than this do not count; the track also restarts at each change of the shift. */
    @WithDefault("P30D")
    Duration window();

    /** An alert is tied to the system's auto-approved actions of this long before it. */
    @WithDefault("P1D")
    Duration alertLookback();

    /** Alert severities that count as incidents (metrics-service: WARNING, CRITICAL). */
    @WithDefault("CRITICAL")
    List<String> alertSeverities();

    /** Action types an alert is never tied to (reviews of the alert itself). */
    @WithDefault("ALERT_REVIEW")
    List<String> alertIgnoredActionTypes();

    default RelaxationBar bar() {
        return new RelaxationBar(minDecisions(), minUnmodifiedRate(), minLowerBound(), z(), maxRelaxedTiers());
    }
}
