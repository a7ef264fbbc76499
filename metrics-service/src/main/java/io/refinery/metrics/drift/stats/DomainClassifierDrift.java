package io.refinery.metrics.drift.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * Multivariate drift by a domain classifier: if a model can tell a period's rows from the reference's, the data
 * moved. The model is a logistic regression on the features standardised with the reference's mean and population
 * standard deviation, fitted by Newton's method with a small ridge on the coefficients (not the intercept), which keeps
 * it defined when the two sets separate completely; its skill is the AUROC of out-of-fold predictions: row i (the
 * reference's rows first, then the period's) is in fold i mod {@code folds}, each fold predicted by the model fitted
 * on the others. AUROC 0.5 is no signal; the period has drifted at or above {@code threshold} (0.6 by default).
 *
 * <p>Attribution: the coefficients of the model fitted on all rows (standardised units, so comparable), each one's
 * share of their absolute sum, and each feature's own AUROC (its values as the score, max(AUROC, 1 − AUROC)), which
 * says what a one-feature test would have seen. Linear: it sees shifts in the features' levels and their linear
 * combinations; a broken correlation with unchanged margins is the reconstruction check's ({@link ReconstructionDrift}).
 * Reference values: statsmodels 0.13.5 {@code Logit} (Newton, without the ridge) and scipy's {@code mannwhitneyu}
 * (U / (n₁n₀)) in the tests. Pure.
 */
public final class DomainClassifierDrift {

    public static final int DEFAULT_FOLDS = 5;
    public static final double DEFAULT_RIDGE = 1e-3;
    public static final double DEFAULT_THRESHOLD = 0.6;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-12;

    private DomainClassifierDrift() {
    }

    /**
     * @param coefficient in the model fitted on all rows, per reference standard deviation of the feature
     * @param share |coefficient| over the sum of all of them
     * @param auroc the feature alone as the score, max(AUROC, 1 − AUROC)
     */
    public record FeatureAttribution(String feature, double coefficient, double share, double auroc) {
    }

    /** @param auroc of the out-of-fold predictions */
    public record Result(double auroc, double threshold, boolean drifted, int folds, double ridge,
            List<FeatureAttribution> features) {
    }

    public static Result compute(List<String> features, double[][] reference, double[][] current, int folds,
            double ridge, double threshold) {
        int p = features.size();
        if (folds < 2 || folds > 20) {
            throw new DriftInputException("folds", "must be between 2 and 20");
        }
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new DriftInputException("ridge", "must be a finite number ≥ 0");
        }
        if (!(threshold > 0.5 && threshold < 1)) {
            throw new DriftInputException("threshold", "must be strictly between 0.5 and 1");
        }
        if (reference.length < folds || current.length < folds) {
            throw new DriftInputException(DriftInputException.REFERENCE, "each side needs at least one row per fold");
        }
        int n = reference.length + current.length;
        ReferenceScaler scaler = ReferenceScaler.fit(features, reference);
        double[][] x = new double[n][p + 1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = i < reference.length ? reference[i] : current[i - reference.length];
            x[i][0] = 1;
            for (int j = 0; j < p; j++) {
                x[i][j + 1] = (row[j] - scaler.mean()[j]) / scaler.sd()[j];
            }
            y[i] = i < reference.length ? 0 : 1;
        }
        double[] outOfFold = new double[n];
        for (int f = 0; f < folds; f++) {
            boolean[] train = new boolean[n];
            for (int i = 0; i < n; i++) {
                train[i] = i % folds != f;
            }
            double[] b = fit(x, y, train, ridge);
            for (int i = f; i < n; i += folds) {
                outOfFold[i] = dot(b, x[i]);
            }
        }
        double auroc = auroc(outOfFold, y);
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        double[] b = fit(x, y, all, ridge);
        double total = 0;
        for (int j = 1; j <= p; j++) {
            total += Math.abs(b[j]);
        }
        List<FeatureAttribution> attribution = new ArrayList<>();
        double[] column = new double[n];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = x[i][j + 1];
            }
            double a = auroc(column, y);
            attribution.add(new FeatureAttribution(features.get(j), b[j + 1], total > 0 ? Math.abs(b[j + 1]) / total : 0,
                    Math.max(a, 1 - a)));
        }
        return new Result(auroc, threshold, auroc >= threshold, folds, ridge, attribution);
    }

    /**
     * Newton's method on the mean log-likelihood minus ridge/2 · Σ b_j² (j ≥ 1): gradient Xᵀ(y − p)/m − ridge·b,
     * Hessian Xᵀ diag(p(1 − p)) X/m + ridge·I (the intercept unpenalised).
     */
    static double[] fit(double[][] x, double[] y, boolean[] rows, double ridge) {
        int q = x[0].length;
        double[] b = new double[q];
        int m = 0;
        for (boolean r : rows) {
            m += r ? 1 : 0;
        }
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[q];
            double[][] hessian = new double[q][q];
            for (int i = 0; i < x.length; i++) {
                if (!rows[i]) {
                    continue;
                }
                double prob = 1 / (1 + Math.exp(-dot(b, x[i])));
                double w = prob * (1 - prob);
                for (int a = 0; a < q; a++) {
                    gradient[a] += (y[i] - prob) * x[i][a];
                    for (int c = a; c < q; c++) {
                        hessian[a][c] += w * x[i][a] * x[i][c];
                    }
                }
            }
            for (int a = 0; a < q; a++) {
                gradient[a] = gradient[a] / m - (a == 0 ? 0 : ridge * b[a]);
                for (int c = a; c < q; c++) {
                    hessian[a][c] = hessian[a][c] / m + (a == c && a > 0 ? ridge : 0);
                    hessian[c][a] = hessian[a][c];
                }
            }
            RealVector step = new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false), 1e-15, 1e-300)
                    .getSolver().solve(new ArrayRealVector(gradient, false));
            double largest = 0;
            for (int a = 0; a < q; a++) {
                b[a] += step.getEntry(a);
                largest = Math.max(largest, Math.abs(step.getEntry(a)));
            }
            if (largest < TOLERANCE) {
                break;
            }
        }
        return b;
    }

    /** The probability that a random positive scores above a random negative, ties counting half (rank sum). */
    static double auroc(double[] score, double[] y) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, c) -> Double.compare(score[a], score[c]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (y[order[t]] == 1) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static double dot(double[] b, double[] x) {
        double s = 0;
        for (int a = 0; a < b.length; a++) {
            s += b[a] * x[a];
        }
        return s;
    }
}
