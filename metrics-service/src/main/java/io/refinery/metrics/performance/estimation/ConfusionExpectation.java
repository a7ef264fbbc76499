package io.refinery.metrics.performance.estimation;

/**
 * An expected (or counted) confusion matrix, and the metrics that follow from it; each metric is NaN when its
 * denominator is 0.
 */
public record ConfusionExpectation(double tp, double fp, double fn, double tn) {

    public ConfusionExpectation {
        if (!(tp >= 0) || !(fp >= 0) || !(fn >= 0) || !(tn >= 0) || !Double.isFinite(tp + fp + fn + tn)) {
            throw new IllegalArgumentException(
                    "tp, fp, fn and tn must be finite and ≥ 0, were " + tp + ", " + fp + ", " + fn + ", " + tn);
        }
    }

    public double total() {
        return tp + fp + fn + tn;
    }

    /** (TP + TN) / n. */
    public double accuracy() {
        return ratio(tp + tn, total());
    }

    /** TP / (TP + FP). */
    public double precision() {
        return ratio(tp, tp + fp);
    }

    /** TP / (TP + FN). */
    public double recall() {
        return ratio(tp, tp + fn);
    }

    /** TN / (TN + FP). */
    public double specificity() {
        return ratio(tn, tn + fp);
    }

    /** 2TP / (2TP + FP + FN). */
    public double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }
}
