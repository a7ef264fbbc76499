package io.refinery.metrics.performance.estimation;

import java.util.Arrays;

/**
 * Isotonic calibration: the non-decreasing step-and-ramp function through the points ({@code thresholds[j]},
 * {@code values[j]}), linear between neighbouring points and clipped to the first and last value outside
 * [{@code thresholds[0]}, {@code thresholds[last]}] (the interpolation of scipy's {@code interp1d(kind="linear")}
 * after {@code np.clip}).
 *
 * <p>Fitted exactly like scikit-learn's {@code IsotonicRegression(out_of_bounds="clip", increasing=True, y_min=0,
 * y_max=1).fit(scores, labels)}: rows sorted by score; scores closer than 1e-15 to the first of a run pooled into one
 * point (the mean label, weighted by the count, as {@code _make_unique}); the pool-adjacent-violators algorithm on
 * those points (a transcription of {@code _inplace_contiguous_isotonic_regression}, which pools equal neighbours
 * too); the values clipped to [0, 1]; and, as {@code trim_duplicates}, every point dropped whose value equals both
 * neighbours'. The components are then {@code X_thresholds_} and {@code y_thresholds_}. Reference values:
 * scikit-learn 1.2.1 in the tests ({@code reference/performance/cbpe-reference.py}). Fitting is O(n log n).
 *
 * @param thresholds strictly increasing finite scores, at least one
 * @param values the calibrated probability at each threshold: non-decreasing, in [0, 1]
 */
public record IsotonicCalibration(double[] thresholds, double[] values) implements Calibration {

    /** numpy's {@code np.finfo(np.float64).resolution}: scikit-learn's {@code _make_unique} pools closer scores. */
    private static final double SAME_SCORE = 1e-15;

    public IsotonicCalibration {
        if (thresholds == null || values == null) {
            throw new IllegalArgumentException("thresholds and values must not be null");
        }
        if (thresholds.length == 0 || thresholds.length != values.length) {
            throw new IllegalArgumentException("thresholds and values must be non-empty and of equal length, had "
                    + thresholds.length + " and " + values.length);
        }
        thresholds = thresholds.clone();
        values = values.clone();
        for (int j = 0; j < thresholds.length; j++) {
            if (!Double.isFinite(thresholds[j]) || j > 0 && !(thresholds[j] > thresholds[j - 1])) {
                throw new IllegalArgumentException("thresholds must be finite and strictly increasing, thresholds["
                        + j + "] was " + thresholds[j]);
            }
            if (!(values[j] >= 0 && values[j] <= 1) || j > 0 && values[j] < values[j - 1]) {
                throw new IllegalArgumentException(
                        "values must be in [0, 1] and non-decreasing, values[" + j + "] was " + values[j]);
            }
        }
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public CalibrationMethod method() {
        return CalibrationMethod.ISOTONIC;
    }

    @Override
    public double calibrate(double score) {
        if (Double.isNaN(score)) {
            return Double.NaN;
        }
        int n = thresholds.length;
        if (n == 1) {
            return values[0];
        }
        double x = Math.min(thresholds[n - 1], Math.max(thresholds[0], score));
        int hi = Arrays.binarySearch(thresholds, x);
        if (hi < 0) {
            hi = -hi - 1;
        }
        hi = Math.min(n - 1, Math.max(1, hi));
        int lo = hi - 1;
        double slope = (values[hi] - values[lo]) / (thresholds[hi] - thresholds[lo]);
        return slope * (x - thresholds[lo]) + values[lo];
    }

    /** The fit described above; the caller has checked the inputs ({@link Calibrations#fit}). */
    static IsotonicCalibration fit(double[] scores, boolean[] labels) {
        int n = scores.length;
        double[] all = scores.clone();
        double[] positive = new double[Inputs.positives(labels)];
        for (int i = 0, k = 0; i < n; i++) {
            if (labels[i]) {
                positive[k++] = scores[i];
            }
        }
        Arrays.sort(all);
        Arrays.sort(positive);
        // pool runs of (nearly) equal scores: x, mean label, count
        double[] x = new double[n];
        double[] y = new double[n];
        double[] w = new double[n];
        int m = 0;
        int p = 0;
        int i = 0;
        while (i < n) {
            double start = all[i];
            int j = i;
            while (j < n && all[j] - start < SAME_SCORE) {
                j++;
            }
            double last = all[j - 1];
            int ones = 0;
            while (p < positive.length && positive[p] <= last) {
                ones++;
                p++;
            }
            x[m] = start;
            w[m] = j - i;
            y[m] = ones / w[m];
            m++;
            i = j;
        }
        poolAdjacentViolators(y, w, m);
        for (int j = 0; j < m; j++) {
            y[j] = Math.min(1, Math.max(0, y[j]));
        }
        // trim points equal to both neighbours
        double[] tx = new double[m];
        double[] ty = new double[m];
        int kept = 0;
        for (int j = 0; j < m; j++) {
            boolean inner = j > 0 && j < m - 1;
            if (!inner || y[j] != y[j - 1] || y[j] != y[j + 1]) {
                tx[kept] = x[j];
                ty[kept] = y[j];
                kept++;
            }
        }
        return new IsotonicCalibration(Arrays.copyOf(tx, kept), Arrays.copyOf(ty, kept));
    }

    /** scikit-learn's {@code _inplace_contiguous_isotonic_regression}, on the first {@code n} entries. */
    private static void poolAdjacentViolators(double[] y, double[] w, int n) {
        int[] target = new int[n];
        for (int i = 0; i < n; i++) {
            target[i] = i;
        }
        int i = 0;
        while (i < n) {
            int k = target[i] + 1;
            if (k == n) {
                break;
            }
            if (y[i] < y[k]) {
                i = k;
                continue;
            }
            double sumWy = w[i] * y[i];
            double sumW = w[i];
            while (true) {
                double prevY = y[k];
                sumWy += w[k] * y[k];
                sumW += w[k];
                k = target[k] + 1;
                if (k == n || prevY < y[k]) {
                    y[i] = sumWy / sumW;
                    w[i] = sumW;
                    target[i] = k - 1;
                    target[k - 1] = i;
                    if (i > 0) {
                        i = target[i - 1];
                    }
                    break;
                }
            }
        }
        i = 0;
        while (i < n) {
            int k = target[i] + 1;
            Arrays.fill(y, i + 1, k, y[i]);
            i = k;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsotonicCalibration other && Arrays.equals(thresholds, other.thresholds)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(thresholds) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "IsotonicCalibration[thresholds=" + Arrays.toString(thresholds) + ", values="
                + Arrays.toString(values) + "]";
    }
}
