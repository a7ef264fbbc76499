package io.refinery.metrics.alerting.evaluation;

/**
 * How far past the baseline a value may go before it breaches.
 *
 * <ul>
 *   <li>{@link Relative}: {@code fraction × |baseline|}, e.g. 0.1 of a baseline of 0.03 allows 0.003.</li>
 *   <li>{@link Absolute}: a fixed {@code amount} in the metric's unit.</li>
 * </ul>
 *
 * Both are finite and at least 0.
 */
public sealed interface Tolerance permits Tolerance.Relative, Tolerance.Absolute {

    /** The allowed distance from {@code baseline}, never negative. */
    double allowance(double baseline);

    /** A tolerance of {@code fraction × |baseline|}. */
    record Relative(double fraction) implements Tolerance {

        public Relative {
            if (!Double.isFinite(fraction) || fraction < 0) {
                throw new IllegalArgumentException("tolerance fraction must be finite and >= 0, was " + fraction);
            }
        }

        @Override
        public double allowance(double baseline) {
            return fraction * Math.abs(baseline);
        }
    }

    /** A tolerance of a fixed {@code amount}. */
    record Absolute(double amount) implements Tolerance {

        public Absolute {
            if (!Double.isFinite(amount) || amount < 0) {
                throw new IllegalArgumentException("tolerance amount must be finite and >= 0, was " + amount);
            }
        }

        @Override
        public double allowance(double baseline) {
            return amount;
        }
    }
}
