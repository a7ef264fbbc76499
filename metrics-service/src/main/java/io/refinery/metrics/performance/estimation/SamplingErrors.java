package io.refinery.metrics.performance.estimation;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * NannyML's sampling error components for binary classification ({@code nannyml/sampling_error/binary_classification
 * .py}), measured on the labelled reference; all standard deviations are population ones (numpy's ddof = 0):
 *
 * <ul>
 *   <li>accuracy: the std of the correctness indicator ŷ = y; fraction 1;</li>
 *   <li>precision: the std of y among the predicted positives; fraction = their share of the rows;</li>
 *   <li>recall: the std of ŷ among the actual positives; fraction = their share;</li>
 *   <li>specificity: the std of ŷ = 0 among the actual negatives; fraction = their share;</li>
 *   <li>F1: the values 1 for each TP and 0 for each FP and FN, all multiplied by the correcting factor
 *       (|TP| + |FP| + |FN|) / ((|FN| + |FP|)/2 + |TP|); their std; fraction = (|TP| + |FP| + |FN|)/n;</li>
 *   <li>ROC AUC: if mean(y) &gt; 0.5 the labels and scores are flipped (y → 1 − y, s → 1 − s); the rows sorted by
 *       score, ascending, ties kept in input order; the k-th positive (k = 0, 1, …) at 0-based position r gives
 *       (r − k)/n₋, the share of negatives sorted before it; their std; fraction = n₊/n.</li>
 * </ul>
 *
 * A std is NaN when there are no values (and for ROC AUC also when there are no negatives). Two differences from
 * NannyML's code, both confined to edge cases: NannyML sorts with numpy's default (unstable) {@code np.argsort}, so
 * within tied scores its order, and the value, depend on numpy; and it drops a positive sorted first (at r = 0),
 * counting the next positives from k = 0, where this keeps it with value 0. Reference values: numpy transcription of
 * NannyML's code ({@code reference/performance/cbpe-reference.py}).
 */
public final class SamplingErrors {

    private SamplingErrors() {
    }

    /**
     * @throws IllegalArgumentException when there are no rows, the lengths differ, or a score is NaN or outside [0, 1]
     */
    public static Map<PerformanceMetric, SamplingErrorComponent> fit(double[] scores, boolean[] predicted,
            boolean[] labels) {
        Inputs.unitInterval("scores", scores);
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(labels, "labels");
        Inputs.sameLength("predicted", predicted.length, "scores", scores.length);
        Inputs.sameLength("labels", labels.length, "scores", scores.length);
        int n = scores.length;
        if (n == 0) {
            throw new IllegalArgumentException("sampling errors need at least one labelled row");
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < n; i++) {
            if (predicted[i]) {
                tp += labels[i] ? 1 : 0;
                fp += labels[i] ? 0 : 1;
            } else {
                fn += labels[i] ? 1 : 0;
                tn += labels[i] ? 0 : 1;
            }
        }
        Map<PerformanceMetric, SamplingErrorComponent> out = new EnumMap<>(PerformanceMetric.class);
        out.put(PerformanceMetric.ACCURACY, new SamplingErrorComponent(bernoulliStd(tp + tn, n), 1));
        out.put(PerformanceMetric.PRECISION,
                new SamplingErrorComponent(bernoulliStd(tp, tp + fp), (double) (tp + fp) / n));
        out.put(PerformanceMetric.RECALL,
                new SamplingErrorComponent(bernoulliStd(tp, tp + fn), (double) (tp + fn) / n));
        out.put(PerformanceMetric.SPECIFICITY,
                new SamplingErrorComponent(bernoulliStd(tn, tn + fp), (double) (tn + fp) / n));
        long relevant = tp + fp + fn;
        double factor = relevant / ((fn + fp) * 0.5 + tp);
        out.put(PerformanceMetric.F1,
                new SamplingErrorComponent(factor * bernoulliStd(tp, relevant), (double) relevant / n));
        out.put(PerformanceMetric.ROC_AUC, rocAuc(scores, labels));
        return out;
    }

    /** The population std of {@code ones} ones and {@code total − ones} zeros: √(q(1 − q)); NaN for none. */
    private static double bernoulliStd(long ones, long total) {
        if (total == 0) {
            return Double.NaN;
        }
        double q = (double) ones / total;
        return Math.sqrt(q * (1 - q));
    }

    private static SamplingErrorComponent rocAuc(double[] scores, boolean[] labels) {
        int n = scores.length;
        int positives = Inputs.positives(labels);
        boolean flip = positives > n - positives;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = flip ? 1 - scores[i] : scores[i];
            y[i] = labels[i] != flip;
        }
        int nPos = flip ? n - positives : positives;
        int nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) {
            return new SamplingErrorComponent(Double.NaN, (double) nPos / n);
        }
        // sort by score, ties in input order: the keys are (rank of the score among the sorted scores, row index)
        double[] sorted = s.clone();
        Arrays.sort(sorted);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (long) firstAtLeast(sorted, s[i]) << 32 | i;
        }
        Arrays.sort(keys);
        double[] values = new double[nPos];
        int k = 0;
        for (int r = 0; r < n; r++) {
            if (y[(int) keys[r]]) {
                values[k] = (double) (r - k) / nNeg;
                k++;
            }
        }
        return new SamplingErrorComponent(ReferenceRange.populationStd(values, mean(values)), (double) nPos / n);
    }

    /** The first index of {@code sorted} holding a value ≥ {@code v}. */
    private static int firstAtLeast(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
