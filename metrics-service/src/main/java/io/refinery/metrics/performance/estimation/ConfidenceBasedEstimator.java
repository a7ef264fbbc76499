package io.refinery.metrics.performance.estimation;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Confidence-based performance estimation (CBPE) for a binary classifier, as NannyML documents it
 * (https://nannyml.readthedocs.io/en/stable/how_it_works/performance_estimation.html): when the probabilities are
 * calibrated, a row predicted positive with probability p is a true positive with probability p and a false positive
 * with probability 1 − p, so the confusion matrix of unlabelled rows has an expectation, and so do the metrics.
 *
 * <p>The probabilities are the calibrated ones ({@link Calibration#calibrate(double[])}); their calibration must hold
 * on the period estimated, which CBPE assumes (covariate shift, no concept shift). Reference values: numpy
 * transcriptions of NannyML's formulas and scikit-learn 1.2.1 ({@code roc_curve} with sample weights and {@code auc})
 * in the tests ({@code reference/performance/cbpe-reference.py}). Runs in O(n log n): one sort, for the ROC AUC.
 */
public final class ConfidenceBasedEstimator {

    private ConfidenceBasedEstimator() {
    }

    /**
     * For a predicted positive, TP += p and FP += 1 − p; for a predicted negative, FN += p and TN += 1 − p.
     *
     * @throws IllegalArgumentException when the lengths differ or a probability is NaN or outside [0, 1]
     */
    public static ConfusionExpectation expectedConfusion(double[] probabilities, boolean[] predicted) {
        Inputs.unitInterval("probabilities", probabilities);
        Objects.requireNonNull(predicted, "predicted");
        Inputs.sameLength("predicted", predicted.length, "probabilities", probabilities.length);
        double tp = 0;
        double fp = 0;
        double fn = 0;
        double tn = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (predicted[i]) {
                tp += p;
                fp += 1 - p;
            } else {
                fn += p;
                tn += 1 - p;
            }
        }
        return new ConfusionExpectation(tp, fp, fn, tn);
    }

    /**
     * NannyML's estimated ROC AUC: at each distinct probability t, from the highest down, the expected
     * TP(t) = Σ_{p ≥ t} p and FP(t) = Σ_{p ≥ t} (1 − p); TPR = TP(t)/Σp and FPR = FP(t)/Σ(1 − p); the curve starts at
     * (0, 0) and the AUC is its trapezoid area. The same number as scikit-learn's {@code auc(*roc_curve(y_true=[1…1,
     * 0…0], y_score=[p, p], sample_weight=[p, 1 − p], drop_intermediate=False)[:2])}. NaN when Σp = 0 or Σ(1 − p) = 0
     * (no rows included).
     *
     * <p>NannyML's current code sorts by the raw scores rather than the calibrated probabilities, puts each row at its
     * own threshold and rounds the cumulative sums to 5 decimals; this follows its documentation, which is the same
     * except in ties and in the 5th decimal.
     *
     * @throws IllegalArgumentException when a probability is NaN or outside [0, 1]
     */
    public static double estimateRocAuc(double[] probabilities) {
        Inputs.unitInterval("probabilities", probabilities);
        double[] sorted = probabilities.clone();
        Arrays.sort(sorted);
        double positives = 0;
        double negatives = 0;
        for (int i = sorted.length - 1; i >= 0; i--) {
            positives += sorted[i];
            negatives += 1 - sorted[i];
        }
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double tp = 0;
        double fp = 0;
        double tpr = 0;
        double fpr = 0;
        double area = 0;
        int i = sorted.length - 1;
        while (i >= 0) {
            double t = sorted[i];
            while (i >= 0 && sorted[i] == t) {
                tp += sorted[i];
                fp += 1 - sorted[i];
                i--;
            }
            double nextTpr = tp / positives;
            double nextFpr = fp / negatives;
            area += (nextFpr - fpr) * (nextTpr + tpr) / 2;
            tpr = nextTpr;
            fpr = nextFpr;
        }
        return area;
    }

    /**
     * Every {@link PerformanceMetric}, estimated: accuracy, precision, recall, specificity and F1 from {@link
     * #expectedConfusion} ({@link ConfusionExpectation}'s definitions), ROC AUC from {@link #estimateRocAuc}; NaN where
     * a denominator is 0 (e.g. no rows).
     *
     * @throws IllegalArgumentException as {@link #expectedConfusion}
     */
    public static Map<PerformanceMetric, Double> estimate(double[] probabilities, boolean[] predicted) {
        ConfusionExpectation c = expectedConfusion(probabilities, predicted);
        Map<PerformanceMetric, Double> out = new EnumMap<>(PerformanceMetric.class);
        out.put(PerformanceMetric.ACCURACY, c.accuracy());
        out.put(PerformanceMetric.PRECISION, c.precision());
        out.put(PerformanceMetric.RECALL, c.recall());
        out.put(PerformanceMetric.SPECIFICITY, c.specificity());
        out.put(PerformanceMetric.F1, c.f1());
        out.put(PerformanceMetric.ROC_AUC, estimateRocAuc(probabilities));
        return out;
    }
}
