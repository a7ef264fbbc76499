package io.refinery.metrics.drift.sampling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the per-day storage of one feature over a window of days into the arrays a drift comparison takes.
 *
 * <ul>
 *   <li>Numerical: each day holds a uniform sample of its values, but busy days are sampled at a lower rate than
 *       quiet ones. To keep the window's sample uniform, every day contributes at the lowest rate of all days: day
 *       {@code d} gives its first {@code round(seen_d * r)} values (in priority order, still uniform), with
 *       {@code r = min_d(size_d / seen_d)}, lowered further if the total would exceed {@code maxValues}.</li>
 *   <li>Categorical: counts are summed over the days and, if their total exceeds {@code maxValues}, scaled down
 *       proportionally (rounded) before being expanded to one label per value. Frequencies, and so the
 *       Jensen–Shannon distance, keep within rounding; a chi-square statistic shrinks with the total.</li>
 * </ul>
 */
public final class WindowSample {

    private WindowSample() {
    }

    /** A uniform sample of the window's numerical values from its days' samples; empty when there are none. */
    public static double[] numerical(List<BottomKSample> days, int maxValues) {
        requireMax(maxValues);
        double rate = 1;
        long seen = 0;
        for (BottomKSample day : days) {
            if (day.seen() > 0) {
                rate = Math.min(rate, (double) day.size() / day.seen());
                seen += day.seen();
            }
        }
        if (seen * rate > maxValues) {
            rate = (double) maxValues / seen;
        }
        List<double[]> parts = new ArrayList<>(days.size());
        int total = 0;
        for (BottomKSample day : days) {
            double[] part = day.firstValues((int) Math.min(Math.round(day.seen() * rate), maxValues - total));
            parts.add(part);
            total += part.length;
        }
        double[] values = new double[total];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, values, at, part.length);
            at += part.length;
        }
        return values;
    }

    /** One label per counted value over the window, scaled down to at most {@code maxValues}; empty when none. */
    public static String[] categorical(List<Map<String, Long>> days, int maxValues) {
        requireMax(maxValues);
        Map<String, Long> sums = new HashMap<>();
        long total = 0;
        for (Map<String, Long> day : days) {
            for (Map.Entry<String, Long> entry : day.entrySet()) {
                sums.merge(entry.getKey(), entry.getValue(), Long::sum);
                total += entry.getValue();
            }
        }
        double scale = total > maxValues ? (double) maxValues / total : 1;
        List<String> labels = new ArrayList<>(sums.keySet());
        labels.sort(null);
        int[] counts = new int[labels.size()];
        long size = 0;
        for (int k = 0; k < counts.length; k++) {
            counts[k] = (int) Math.round(sums.get(labels.get(k)) * scale);
            size += counts[k];
        }
        String[] expanded = new String[(int) Math.min(size, maxValues)];
        int at = 0;
        for (int k = 0; k < counts.length && at < expanded.length; k++) {
            for (int c = 0; c < counts[k] && at < expanded.length; c++) {
                expanded[at++] = labels.get(k);
            }
        }
        return expanded;
    }

    /**
     * How far the mean moved, in reference standard deviations: {@code (mean(current) - mean(reference)) /
     * std(reference)} with the population standard deviation; null when either side is empty or the reference is
     * constant.
     */
    public static Double meanShift(double[] reference, double[] current) {
        if (reference.length == 0 || current.length == 0) {
            return null;
        }
        double referenceMean = mean(reference);
        double squares = 0;
        for (double v : reference) {
            squares += (v - referenceMean) * (v - referenceMean);
        }
        double std = Math.sqrt(squares / reference.length);
        if (!(std > 0) || !Double.isFinite(std)) {
            return null;
        }
        double shift = (mean(current) - referenceMean) / std;
        return Double.isFinite(shift) ? shift : null;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static void requireMax(int maxValues) {
        if (maxValues < 1) {
            throw new IllegalArgumentException("maxValues must be at least 1, was " + maxValues);
        }
    }
}
