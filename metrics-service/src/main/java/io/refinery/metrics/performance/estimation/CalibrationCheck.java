package io.refinery.metrics.performance.estimation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether calibrating the raw scores would help, judged on held-out rows.
 *
 * <p>"Before" is the raw scores; "after" is the out-of-fold calibrated probabilities: row i is in fold i mod
 * {@code folds}, and each fold is calibrated by the method fitted on the other folds (for {@link
 * CalibrationMethod#NONE}, after = before). The expected calibration error (ECE) is Σ (count/n)·|mean p − observed
 * rate| over {@value #BINS} equal-width bins, bin i holding the p with ⌊10·p⌋ = i (i.e. [i/10, (i+1)/10), the last bin
 * closed at 1.0), empty bins skipped; the Brier score is mean((p − y)²), as scikit-learn's {@code brier_score_loss}.
 * Calibration helps when eceAfter &lt; eceBefore.
 *
 * <p>Like NannyML's {@code needs_calibration}, which compares the ECE with and without calibration on held-out rows;
 * NannyML holds out ten random 10 % splits and bins by equal counts, this holds out deterministic folds and bins by
 * equal width (so the same bins serve the reliability diagram). Reference values: scikit-learn 1.2.1 and numpy in the
 * tests ({@code reference/performance/cbpe-reference.py}).
 *
 * @param bins the reliability diagram of the raw scores, non-empty bins only, in order
 */
public record CalibrationCheck(double eceBefore, double eceAfter, double brierBefore, double brierAfter,
        boolean calibrationHelps, List<ReliabilityBin> bins) {

    public static final int BINS = 10;
    public static final int DEFAULT_FOLDS = 5;

    public CalibrationCheck {
        bins = List.copyOf(Objects.requireNonNull(bins, "bins"));
    }

    /**
     * @throws IllegalArgumentException as {@link Calibrations#fit}, when {@code folds} is not between 2 and the number
     *         of rows, or when a fold's training rows hold one class only
     */
    public static CalibrationCheck of(CalibrationMethod method, double[] scores, boolean[] labels, int folds) {
        Objects.requireNonNull(method, "method");
        Inputs.labelled(scores, labels);
        int n = scores.length;
        if (folds < 2 || folds > n) {
            throw new IllegalArgumentException("folds must be between 2 and the number of rows (" + n + "), was "
                    + folds);
        }
        double[] after = method == CalibrationMethod.NONE ? scores : outOfFold(method, scores, labels, folds);
        double eceBefore = expectedCalibrationError(scores, labels);
        double eceAfter = expectedCalibrationError(after, labels);
        return new CalibrationCheck(eceBefore, eceAfter, brierScore(scores, labels), brierScore(after, labels),
                eceAfter < eceBefore, reliabilityBins(scores, labels));
    }

    private static double[] outOfFold(CalibrationMethod method, double[] scores, boolean[] labels, int folds) {
        int n = scores.length;
        double[] out = new double[n];
        for (int f = 0; f < folds; f++) {
            int held = (n - f + folds - 1) / folds;
            double[] trainScores = new double[n - held];
            boolean[] trainLabels = new boolean[n - held];
            int k = 0;
            int positives = 0;
            for (int i = 0; i < n; i++) {
                if (i % folds != f) {
                    trainScores[k] = scores[i];
                    trainLabels[k] = labels[i];
                    positives += labels[i] ? 1 : 0;
                    k++;
                }
            }
            if (positives == 0 || positives == k) {
                throw new IllegalArgumentException("the training rows of fold " + f + " (all rows i with i mod "
                        + folds + " ≠ " + f + ") hold one class only; use fewer folds or more rows");
            }
            Calibration calibration = Calibrations.fit(method, trainScores, trainLabels);
            for (int i = f; i < n; i += folds) {
                out[i] = calibration.calibrate(scores[i]);
            }
        }
        return out;
    }

    /** The ECE defined above; NaN for no rows. */
    public static double expectedCalibrationError(double[] probabilities, boolean[] labels) {
        check(probabilities, labels);
        double ece = 0;
        for (ReliabilityBin bin : reliabilityBins(probabilities, labels)) {
            ece += (double) bin.count() / probabilities.length * Math.abs(bin.meanScore() - bin.observedRate());
        }
        return probabilities.length == 0 ? Double.NaN : ece;
    }

    /** mean((p − y)²), y = 1 for a positive; NaN for no rows. */
    public static double brierScore(double[] probabilities, boolean[] labels) {
        check(probabilities, labels);
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double d = probabilities[i] - (labels[i] ? 1 : 0);
            sum += d * d;
        }
        return sum / probabilities.length;
    }

    /** The non-empty bins defined above, in order. */
    public static List<ReliabilityBin> reliabilityBins(double[] probabilities, boolean[] labels) {
        check(probabilities, labels);
        int[] count = new int[BINS];
        double[] sum = new double[BINS];
        int[] positives = new int[BINS];
        for (int i = 0; i < probabilities.length; i++) {
            int b = bin(probabilities[i]);
            count[b]++;
            sum[b] += probabilities[i];
            positives[b] += labels[i] ? 1 : 0;
        }
        List<ReliabilityBin> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                bins.add(new ReliabilityBin(b / (double) BINS, (b + 1) / (double) BINS, count[b],
                        Math.min(1, sum[b] / count[b]), (double) positives[b] / count[b]));
            }
        }
        return bins;
    }

    /** ⌊10·p⌋, with 1.0 in the last bin. */
    static int bin(double p) {
        return Math.min((int) (p * BINS), BINS - 1);
    }

    private static void check(double[] probabilities, boolean[] labels) {
        Objects.requireNonNull(labels, "labels");
        Inputs.unitInterval("probabilities", probabilities);
        Inputs.sameLength("labels", labels.length, "probabilities", probabilities.length);
    }
}
