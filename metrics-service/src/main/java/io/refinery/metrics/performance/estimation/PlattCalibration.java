package io.refinery.metrics.performance.estimation;

/**
 * Platt scaling: p = 1 / (1 + exp(a·s + b)), scikit-learn's {@code _SigmoidCalibration.predict}.
 *
 * <p>Fitted as Platt (1999) and scikit-learn's {@code sklearn.calibration._sigmoid_calibration(scores, labels)}:
 * with N₊ positives and N₋ negatives, the targets are smoothed to (N₊ + 1)/(N₊ + 2) for a positive and 1/(N₋ + 2) for
 * a negative, and (a, b) minimise the log loss −Σ [t·log p + (1 − t)·log(1 − p)] from the start (0, log((N₋ + 1)/(N₊ +
 * 1))). scikit-learn minimises by BFGS, stopping at a gradient norm of 1e-5; this runs Newton's method with a
 * backtracking line search (Lin, Lin and Weng, 2007, with their overflow-safe loss) to the optimum itself: on the test
 * data it is within 1e-8 of scikit-learn's a and b and within 1e-15 of scikit-learn's result polished by Newton steps
 * in numpy. When the scores cannot separate the targets (all equal), a and b are not unique and only the fitted
 * probabilities match. Reference values: scikit-learn 1.2.1 ({@code reference/performance/cbpe-reference.py}).
 *
 * @param a the slope on the score (negative when a higher score means positive)
 * @param b the intercept
 */
public record PlattCalibration(double a, double b) implements Calibration {

    private static final int MAX_ITERATIONS = 100;
    private static final double MIN_STEP = 1e-10;
    private static final double SIGMA = 1e-12;
    /** Newton steps this small (relative to a and b) are taken whole, and one below CONVERGED is the last. */
    private static final double NEAR = 1e-6;
    private static final double CONVERGED = 1e-9;

    public PlattCalibration {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("a and b must be finite, were " + a + " and " + b);
        }
    }

    @Override
    public double calibrate(double score) {
        return 1 / (1 + Math.exp(a * score + b));
    }

    @Override
    public CalibrationMethod method() {
        return CalibrationMethod.PLATT;
    }

    /** The fit described above; the caller has checked the inputs ({@link Calibrations#fit}). */
    static PlattCalibration fit(double[] scores, boolean[] labels) {
        int n = scores.length;
        double positives = Inputs.positives(labels);
        double negatives = n - positives;
        double hiTarget = (positives + 1) / (positives + 2);
        double loTarget = 1 / (negatives + 2);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = labels[i] ? hiTarget : loTarget;
        }
        double a = 0;
        double b = Math.log((negatives + 1) / (positives + 1));
        double loss = loss(scores, t, a, b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double h11 = SIGMA;
            double h22 = SIGMA;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < n; i++) {
                double f = scores[i] * a + b;
                double p;
                double q;
                if (f >= 0) {
                    double e = Math.exp(-f);
                    p = e / (1 + e);
                    q = 1 / (1 + e);
                } else {
                    double e = Math.exp(f);
                    p = 1 / (1 + e);
                    q = e / (1 + e);
                }
                double d2 = p * q;
                h11 += scores[i] * scores[i] * d2;
                h22 += d2;
                h21 += scores[i] * d2;
                double d1 = t[i] - p;
                g1 += scores[i] * d1;
                g2 += d1;
            }
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double size = Math.max(Math.abs(dA), Math.abs(dB)) / Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
            if (size < NEAR) {
                // the quadratic model is exact here far below the loss's rounding noise, which would only confuse a
                // line search: take the full step; one this small is the last
                a += dA;
                b += dB;
                if (size < CONVERGED) {
                    break;
                }
                loss = loss(scores, t, a, b);
                continue;
            }
            double step = 1;
            boolean moved = false;
            while (step >= MIN_STEP) {
                double newA = a + step * dA;
                double newB = b + step * dB;
                double newLoss = loss(scores, t, newA, newB);
                if (newLoss <= loss + 1e-4 * step * gd) {
                    moved = newA != a || newB != b;
                    a = newA;
                    b = newB;
                    loss = newLoss;
                    break;
                }
                step /= 2;
            }
            if (!moved) {
                break;
            }
        }
        return new PlattCalibration(a, b);
    }

    /** −Σ [t·log p + (1 − t)·log(1 − p)] for p = 1/(1 + exp(a·s + b)), without overflow. */
    private static double loss(double[] scores, double[] t, double a, double b) {
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double f = scores[i] * a + b;
            sum += f >= 0 ? t[i] * f + Math.log1p(Math.exp(-f)) : (t[i] - 1) * f + Math.log1p(Math.exp(f));
        }
        return sum;
    }
}
