package io.refinery.feedback.contradiction.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.refinery.feedback.stats.ContradictionTest;
import io.refinery.platform.events.InsightEvent;

/**
 * The words of a contradiction for a reviewer: what the metric says, what customers say, themes and examples.
 * Pure formatting, no framework.
 */
public final class ContradictionSummary {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final int QUOTE = 200;

    private ContradictionSummary() {
    }

    public static String of(String systemKey, ContradictionTest.Kind kind, InsightEvent.MetricSide metric,
            InsightEvent.CustomerSide customers, Instant windowStart, Instant windowEnd,
            List<InsightEvent.ThemeCount> themes, List<InsightEvent.Example> examples) {
        boolean metricGood = kind == ContradictionTest.Kind.METRIC_UP_SENTIMENT_DOWN;
        List<Double> v = metric.values();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Metrics and customers disagree on %s. The metrics say %s: %s %s over %d"
                + " periods from %s to %s (%s to %s; Mann-Kendall z = %.2f, %s). ", systemKey,
                metricGood ? "better" : "worse", metric.metric(), "UP".equals(metric.direction()) ? "rose" : "fell",
                v.size(), DAY.format(windowStart), DAY.format(windowEnd.minusSeconds(1)), number(v.get(0)),
                number(v.get(v.size() - 1)), metric.z(), p(metric.p())));
        s.append(String.format(Locale.ROOT, "Customers say %s: %.0f%% of %d feedback items were negative, against"
                + " %.0f%% of %d in the same span before (two-proportion z = %.2f, %s).",
                metricGood ? "worse" : "better", 100 * customers.shareNegative(), customers.items(),
                100 * customers.shareNegativeBefore(), customers.itemsBefore(), customers.z(), p(customers.p())));
        if (!themes.isEmpty()) {
            s.append(metricGood ? " Themes of the negative feedback: " : " Themes of the positive feedback: ");
            for (int i = 0; i < themes.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(themes.get(i).theme()).append(" (").append(themes.get(i).count()).append(')');
            }
            s.append('.');
        }
        if (!examples.isEmpty()) {
            s.append(" Examples:");
            for (InsightEvent.Example e : examples) {
                String text = e.text().length() > QUOTE ? e.text().substring(0, QUOTE) + "…" : e.text();
                s.append(" \"").append(text).append("\" (").append(e.channel()).append(", ").append(e.segment()).append(");");
            }
            s.setLength(s.length() - 1);
            s.append('.');
        }
        return s.toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String p(double p) {
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
    }
}
