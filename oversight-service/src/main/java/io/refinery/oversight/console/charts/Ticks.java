package io.refinery.oversight.console.charts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Round tick values for a value axis ("nice numbers": steps of 1, 2 or 5 times a power of ten), so that axis labels
 * read as 0.020, 0.025, 0.030 rather than 0.0213, 0.0262.
 *
 * @param min    the axis' lower end, a multiple of {@code step} at or below the data
 * @param max    the axis' upper end, a multiple of {@code step} at or above the data
 * @param step   the distance between two ticks
 * @param values the ticks from {@code min} to {@code max}
 */
public record Ticks(double min, double max, double step, List<Double> values) {

    /** Ticks covering [{@code low}, {@code high}] with about {@code target} values (at least 2). */
    public static Ticks covering(double low, double high, int target) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("bounds must be finite, got " + low + " and " + high);
        }
        double lo = Math.min(low, high);
        double hi = Math.max(low, high);
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        int count = Math.max(2, target);
        double range = niceNumber(hi - lo, false);
        double step = niceNumber(range / (count - 1), true);
        double first = Math.floor(lo / step) * step;
        double last = Math.ceil(hi / step) * step;
        int decimals = decimalsFor(step);
        List<Double> values = new ArrayList<>();
        long n = Math.round((last - first) / step);
        for (long i = 0; i <= n; i++) {
            values.add(round(first + i * step, decimals));
        }
        return new Ticks(round(first, decimals), round(last, decimals), step, List.copyOf(values));
    }

    /** Decimals that show every tick of {@code step} exactly (0 for steps of 1 and more, at most 9). */
    public static int decimalsFor(double step) {
        if (step >= 1 || step <= 0) {
            return 0;
        }
        return (int) Math.min(9, Math.ceil(-Math.log10(step) - 1e-9));
    }

    /** A tick value as its label, in one unit for the whole axis: {@code 0.025}, {@code 12}, {@code 1.5k}, {@code 2M}. */
    public String label(double value) {
        double abs = Math.max(Math.abs(min), Math.abs(max));
        if (value == 0 && abs >= 10_000 && step >= 100) {
            return "0";
        }
        if (abs >= 1_000_000 && step >= 100_000) {
            return plain(value / 1_000_000, decimalsFor(step / 1_000_000)) + "M";
        }
        if (abs >= 10_000 && step >= 100) {
            return plain(value / 1_000, decimalsFor(step / 1_000)) + "k";
        }
        return plain(value, decimalsFor(step));
    }

    private static String plain(double v, int decimals) {
        String s = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return "-0".equals(s) ? "0" : s.matches("-0\\.0*") ? s.substring(1) : s;
    }

    private static double round(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    /** Heckbert's nice number near {@code x}: 1, 2, 5 or 10 times a power of ten (rounded, or the next one up). */
    static double niceNumber(double x, boolean roundIt) {
        double exponent = Math.floor(Math.log10(x));
        double fraction = x / Math.pow(10, exponent);
        double nice;
        if (roundIt) {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        }
        return nice * Math.pow(10, exponent);
    }
}
