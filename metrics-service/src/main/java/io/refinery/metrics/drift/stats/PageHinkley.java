package io.refinery.metrics.drift.stats;

/**
 * The Page–Hinkley test (Page 1954) for an increase in the mean of a stream, with the forgetting factor that
 * stream-learning libraries (MOA, river) add, here over prediction errors: a rising error means the concept drifted.
 *
 * <p>With {@code t} the number of values since the last reset, {@code mean_t} the mean of those values (including
 * {@code x_t}):
 *
 * <pre>
 *   m_t  = alpha m_(t-1) + (x_t - mean_t - delta)      m_0 = 0
 *   M_t  = min(M_(t-1), m_t)                           M_0 = 0
 *   drift when t &gt;= minInstances and m_t - M_t &gt; lambda
 * </pre>
 *
 * {@code delta} is the magnitude of change tolerated (deviations below it push {@code m} down), {@code lambda} the
 * evidence needed, and {@code alpha} a forgetting factor: with {@code alpha < 1} the cumulative sum fades, so very old
 * deviations count less. On a drift the detector resets to the initial state. Defaults are river's: minInstances 30,
 * delta 0.005, lambda ({@code threshold} in river) 50, alpha {@code 1 - 0.0001}.
 *
 * <p>Measured on 0/1 errors (seeded synthetic streams in {@code PageHinkleyTest}, seeds 1 to 200): no detection
 * over 5,000 values at an error rate of 0.1; after a jump to 0.3 it detects after 96 to 352 values (median 224). The
 * default lambda suits such 0/1 streams; for absolute errors scale lambda and delta with the error's unit.
 */
public final class PageHinkley implements ConceptDriftDetector<PageHinkley.State> {

    private final Parameters parameters;
    private long count;
    private double mean;
    private double cumulativeSum;
    private double minimumSum;

    /** A detector with river's defaults, {@link Parameters#DEFAULTS}. */
    public PageHinkley() {
        this(Parameters.DEFAULTS);
    }

    /** A fresh detector. */
    public PageHinkley(Parameters parameters) {
        this(parameters, State.INITIAL);
    }

    /** A detector restored from a state saved by {@link #state()}. */
    public PageHinkley(Parameters parameters, State state) {
        if (parameters == null || state == null) {
            throw new IllegalArgumentException("parameters and state must not be null");
        }
        this.parameters = parameters;
        restore(state);
    }

    /**
     * Takes the next error; true when the test fires, and the detector has then reset to {@link State#INITIAL}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    @Override
    public boolean update(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        count++;
        mean += (value - mean) / count;
        cumulativeSum = parameters.alpha() * cumulativeSum + (value - mean - parameters.delta());
        minimumSum = Math.min(minimumSum, cumulativeSum);
        if (count >= parameters.minInstances() && cumulativeSum - minimumSum > parameters.lambda()) {
            restore(State.INITIAL);
            return true;
        }
        return false;
    }

    @Override
    public State state() {
        return new State(count, mean, cumulativeSum, minimumSum);
    }

    public Parameters parameters() {
        return parameters;
    }

    private void restore(State state) {
        count = state.count();
        mean = state.mean();
        cumulativeSum = state.cumulativeSum();
        minimumSum = state.minimumSum();
    }

    /**
     * The test's settings.
     *
     * @param minInstances values needed since the last reset before drift can be signalled; at least 1
     * @param delta the tolerated increase, subtracted from every deviation; finite, at least 0
     * @param lambda how far the cumulative sum must rise above its minimum to signal drift; finite, above 0
     * @param alpha the forgetting factor of the cumulative sum; in (0, 1]
     */
    public record Parameters(int minInstances, double delta, double lambda, double alpha) {

        /** river's defaults: 30 instances, delta 0.005, lambda 50, alpha 0.9999. */
        public static final Parameters DEFAULTS = new Parameters(30, 0.005, 50, 1 - 0.0001);

        public Parameters {
            if (minInstances < 1) {
                throw new IllegalArgumentException("minInstances must be at least 1, was " + minInstances);
            }
            if (!Double.isFinite(delta) || delta < 0) {
                throw new IllegalArgumentException("delta must be finite and >= 0, was " + delta);
            }
            if (!Double.isFinite(lambda) || lambda <= 0) {
                throw new IllegalArgumentException("lambda must be finite and > 0, was " + lambda);
            }
            if (!(alpha > 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
            }
        }
    }

    /**
     * Everything the detector remembers.
     *
     * @param count values since the last reset; at least 0
     * @param mean their mean (0 when there are none)
     * @param cumulativeSum {@code m_t}
     * @param minimumSum {@code M_t}, never above {@code m_t}
     */
    public record State(long count, double mean, double cumulativeSum, double minimumSum) {

        /** The state of a fresh detector, and after every drift. */
        public static final State INITIAL = new State(0, 0, 0, 0);

        public State {
            if (count < 0) {
                throw new IllegalArgumentException("count must be at least 0, was " + count);
            }
            if (!Double.isFinite(mean) || !Double.isFinite(cumulativeSum) || !Double.isFinite(minimumSum)) {
                throw new IllegalArgumentException("mean, cumulativeSum and minimumSum must be finite");
            }
            if (minimumSum > cumulativeSum) {
                throw new IllegalArgumentException("minimumSum (" + minimumSum + ") must not exceed cumulativeSum ("
                        + cumulativeSum + ")");
            }
        }
    }
}
