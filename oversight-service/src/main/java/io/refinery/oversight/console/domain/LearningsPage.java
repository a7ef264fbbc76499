package io.refinery.oversight.console.domain;

import java.util.List;

/**
 * The learnings page: "what do we tell strategy this quarter?" The period with links to the quarters before and after
 * and a quarter picker; the headline numbers of all systems together; bar charts (oversight requests by tier,
 * experiment outcomes, alerts and drift per system, drift remediations recommended and chosen); one table row per
 * system with activity; one table row per holdout read in the period (its latest reading: the cumulative impact of
 * what shipped); the capability gaps and roadmap signals. Rates are percentages, "—" where undefined. When the
 * period holds nothing, {@code hasData} is false and {@code emptyText} says what to do next.
 *
 * @param quarter      the quarter shown (2026-Q4), or null for a from/to period
 * @param periodText   the period as a person reads it: {@code 2026-10-01 to 2026-12-31 (UTC)}
 * @param previous     the quarter before, for the link
 * @param next         the quarter after, for the link
 * @param quarters     the picker's choices, newest first
 * @param query        the query string of this period ({@code quarter=2026-Q4}), for the Markdown download
 * @param quietSystems registered systems with nothing in this period, left out of the table and the charts
 */
public record LearningsPage(ConsoleFrame frame, String quarter, String periodText, String previous, String next,
        List<QuarterOption> quarters, String query, boolean hasData, String emptyText, List<Headline> headlines,
        List<Chart> charts, List<SystemRow> systems, int quietSystems, List<HoldoutRow> holdouts,
        List<FindingRow> capabilityGaps, List<FindingRow> roadmapSignals) {

    /** A choice of the quarter picker. */
    public record QuarterOption(String value, boolean selected) {
    }

    /** A headline number: {@code key} names it for tests and styles, {@code detail} is the context in words. */
    public record Headline(String key, String label, String value, String detail) {
    }

    /** A bar chart's SVG and caption, or when it has nothing to draw, {@code emptyText} instead. */
    public record Chart(String id, String title, String svg, String caption, String emptyText) {
    }

    /** One system's numbers in the period; rates as percentages or "—". */
    public record SystemRow(String key, int alertsFired, int alertsResolved, String medianHours, int drift,
            int concluded, String winRate, String medianLift, String inconclusive, int requests, int slaBreaches,
            String overrideRate, String modificationRate, String relaxations) {
    }

    /**
     * A holdout's latest reading in the period: the exposed population's lift against the {@code heldOut} share of
     * units on {@code metric}, with its interval and p-value ("—" until both sides have units).
     *
     * @param units    held-out and exposed units in words
     * @param advice   the advice in words ({@code Impact positive})
     * @param shipped  how many changes shipped since the holdout began, and which ({@code 3: a:b, c:d, rollout:x})
     * @param reading  {@code Final} when the holdout ended with this reading, else {@code Running}
     */
    public record HoldoutRow(String systemKey, String holdoutKey, String metric, String heldOut, String units,
            String lift, String interval, String pValue, String advice, String shipped, Stamp measuredAt,
            String reading) {
    }

    /** A capability gap or roadmap signal; {@code systemKey} null means all systems. */
    public record FindingRow(String code, String systemKey, String message, String evidence) {
    }
}
