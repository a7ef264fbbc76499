package io.refinery.oversight.console.charts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The words and numbers of a chart: its description for screen readers, value formatting, point spacing. */
public final class ChartText {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private ChartText() {
    }

    /** One paragraph saying what the chart shows, for {@code <desc>}: count, span, range, flagged values, band. */
    static String description(LineChart.Spec spec) {
        List<LineChart.Point> series = spec.series();
        StringBuilder s = new StringBuilder();
        if (series.isEmpty()) {
            s.append("No values of ").append(nonBlank(spec.seriesLabel(), "the series")).append(" in this period.");
        } else {
            double min = series.stream().mapToDouble(LineChart.Point::value).min().orElse(0);
            double max = series.stream().mapToDouble(LineChart.Point::value).max().orElse(0);
            long flagged = series.stream().filter(LineChart.Point::flagged).count();
            s.append(series.size()).append(series.size() == 1 ? " value of " : " values of ")
                    .append(nonBlank(spec.seriesLabel(), "the series")).append(" from ")
                    .append(DAY.format(series.get(0).at())).append(" to ")
                    .append(DAY.format(series.get(series.size() - 1).at())).append(", lowest ").append(number(min, 4))
                    .append(", highest ").append(number(max, 4)).append('.');
            if (flagged > 0) {
                s.append(' ').append(flagged).append(flagged == 1 ? " value is" : " values are").append(" flagged as breaching.");
            }
        }
        if (!spec.band().isEmpty()) {
            s.append(" The shaded band (").append(nonBlank(spec.bandLabel(), "band")).append(") covers ")
                    .append(spec.band().size()).append(spec.band().size() == 1 ? " period." : " periods.");
        }
        if (spec.reference() != null) {
            s.append(" Reference line: ").append(nonBlank(spec.referenceLabel(), "reference")).append(' ')
                    .append(number(spec.reference(), 4)).append('.');
        }
        return s.toString();
    }

    /** {@code value} with at most {@code decimals} decimals (trailing zeros dropped), ROOT locale. */
    public static String number(double value, int decimals) {
        int places = Math.max(0, Math.min(12, decimals));
        String s = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return s.startsWith("-") && BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).signum() == 0
                ? s.substring(1) : s;
    }

    /** The median distance between consecutive distinct instants; a day when there are fewer than two. */
    static Duration typicalSpacing(List<Instant> sorted) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            long gap = sorted.get(i).toEpochMilli() - sorted.get(i - 1).toEpochMilli();
            if (gap > 0) {
                gaps.add(gap);
            }
        }
        if (gaps.isEmpty()) {
            return Duration.ofDays(1);
        }
        gaps.sort(Long::compare);
        return Duration.ofMillis(gaps.get(gaps.size() / 2));
    }

    private static String nonBlank(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
