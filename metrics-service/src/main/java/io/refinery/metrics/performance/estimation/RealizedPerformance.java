package io.refinery.metrics.performance.estimation;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics actually achieved on labelled rows, the figures CBPE's estimates stand in for: accuracy, precision,
 * recall, specificity and F1 from the counted confusion matrix, as scikit-learn's {@code accuracy_score}, {@code
 * precision_score}, {@code recall_score}, {@code recall_score(pos_label=0)} and {@code f1_score}; ROC AUC from the raw
 * scores with ties counting half, as {@code roc_auc_score} (the Mann–Whitney U over n₁n₀). NaN where undefined: a
 * zero denominator (scikit-learn would return 0 with a warning), or one class only for ROC AUC. Reference values:
 * scikit-learn 1.2.1 ({@code reference/performance/cbpe-reference.py}). O(n log n).
 */
public final class RealizedPerformance {

    private RealizedPerformance() {
    }

    /**
     * @throws IllegalArgumentException when the lengths differ or a score is NaN or outside [0, 1]
     */
    public static Map<PerformanceMetric, Double> of(double[] scores, boolean[] predicted, boolean[] labels) {
        Inputs.unitInterval("scores", scores);
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(labels, "labels");
        Inputs.sameLength("predicted", predicted.length, "scores", scores.length);
        Inputs.sameLength("labels", labels.length, "scores", scores.length);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < scores.length; i++) {
            if (predicted[i]) {
                tp += labels[i] ? 1 : 0;
                fp += labels[i] ? 0 : 1;
            } else {
                fn += labels[i] ? 1 : 0;
                tn += labels[i] ? 0 : 1;
            }
        }
        ConfusionExpectation c = new ConfusionExpectation(tp, fp, fn, tn);
        Map<PerformanceMetric, Double> out = new EnumMap<>(PerformanceMetric.class);
        out.put(PerformanceMetric.ACCURACY, c.accuracy());
        out.put(PerformanceMetric.PRECISION, c.precision());
        out.put(PerformanceMetric.RECALL, c.recall());
        out.put(PerformanceMetric.SPECIFICITY, c.specificity());
        out.put(PerformanceMetric.F1, c.f1());
        out.put(PerformanceMetric.ROC_AUC, rocAuc(scores, labels));
        return out;
    }

    /**
     * The probability that a random positive scores above a random negative, ties counting half; NaN with one class
     * only.
     */
    public static double rocAuc(double[] scores, boolean[] labels) {
        Inputs.unitInterval("scores", scores);
        Objects.requireNonNull(labels, "labels");
        Inputs.sameLength("labels", labels.length, "scores", scores.length);
        int positives = Inputs.positives(labels);
        double[] pos = new double[positives];
        double[] neg = new double[scores.length - positives];
        for (int i = 0, p = 0, q = 0; i < scores.length; i++) {
            if (labels[i]) {
                pos[p++] = scores[i];
            } else {
                neg[q++] = scores[i];
            }
        }
        if (pos.length == 0 || neg.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        double u = 0;
        int below = 0;
        int atOrBelow = 0;
        for (double s : pos) {
            while (below < neg.length && neg[below] < s) {
                below++;
            }
            atOrBelow = Math.max(atOrBelow, below);
            while (atOrBelow < neg.length && neg[atOrBelow] <= s) {
                atOrBelow++;
            }
            u += below + (atOrBelow - below) / 2.0;
        }
        return u / ((double) pos.length * neg.length);
    }
}
