package io.refinery.oversight.console.domain;

import java.util.List;

/**
 * The experiment page: "did it work?" The experiment's state and hypothesis, per variant its units, primary metric
 * and lift against control with the interval (also drawn as a forest plot), the SRM check, the guardrails, progress
 * toward the planned sample and the maximum duration, and the recommended decision. When experiment-service did not
 * answer, {@code notice} says so and the rest is empty.
 */
public record ExperimentPage(ConsoleFrame frame, String key, String notice, String systemKey, String state,
        String hypothesis, String analysis, Stamp startedAt, Stamp endsAt, Stamp computedAt, String metric,
        List<VariantRow> variants, ForestChart forest, String srm, boolean srmMismatch, List<GuardrailRow> guardrails,
        List<ProgressBar> samples, ProgressBar time, String decision, List<String> reasons, String advice) {

    /** One variant: lift, interval and significance are blank for control. */
    public record VariantRow(String variant, boolean control, String units, String mean, String lift, String interval,
            String significance, String verdict) {
    }

    /** The forest plot's SVG and the caption saying how to read it. */
    public record ForestChart(String svg, String caption) {
    }

    public record GuardrailRow(String name, String status, String css, String detail) {
    }

    /** A bar of {@code percent} (0 to 100) with the same fact as text. */
    public record ProgressBar(String label, int percent, String text) {
    }

    /** Whether there are results to show. */
    public boolean hasResults() {
        return notice == null;
    }
}
