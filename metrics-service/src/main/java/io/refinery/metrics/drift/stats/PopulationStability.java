package io.refinery.metrics.drift.stats;

import java.util.Arrays;

/**
 * The population stability index (PSI) of a current sample against a reference sample, over bins cut at the
 * reference deciles.
 *
 * <ol>
 *   <li>Edges: the reference quantiles at 0.1, 0.2, ..., 0.9 by linear interpolation (numpy's default, see
 *       {@link SortedValues#quantile}). Equal edges, which ties in the reference produce, are merged into one, so
 *       there are at most ten bins and never an empty-by-construction one; keeping them would change nothing anyway,
 *       since a zero-width bin is empty on both sides and adds 0.</li>
 *   <li>Bins: with the distinct edges {@code e_1 < ... < e_k}, bin 0 is {@code (-inf, e_1)}, bin i is
 *       {@code [e_i, e_(i+1))} and bin k is {@code [e_k, +inf)}: closed on the left, like
 *       {@code np.searchsorted(edges, x, side='right')}. The outer bins are open, so every current value falls in a
 *       bin.</li>
 *   <li>Proportions: the share of each sample in each bin; a share of 0 is replaced by {@value #EMPTY_BIN_SHARE}
 *       (without renormalizing), so that the logarithm is defined.</li>
 *   <li>{@code PSI = sum over bins (cur - ref) ln(cur / ref)}, at least 0; read with {@link PsiBand}.</li>
 * </ol>
 *
 * Reference in numpy, with {@code r}, {@code c} the samples as arrays:
 *
 * <pre>
 * e = np.unique(np.quantile(r, np.arange(1, 10) / 10))
 * share = lambda x: np.bincount(np.searchsorted(e, x, side='right'), minlength=len(e) + 1) / len(x)
 * pr = np.where(share(r) == 0, 1e-4, share(r)); pc = np.where(share(c) == 0, 1e-4, share(c))
 * psi = np.sum((pc - pr) * np.log(pc / pr))
 * </pre>
 */
final class PopulationStability {

    /** The share given to a bin no value fell in. */
    static final double EMPTY_BIN_SHARE = 0.0001;
    private static final int DECILES = 10;

    private PopulationStability() {
    }

    /** The PSI of {@code current} against {@code reference}. */
    static double index(SortedValues reference, SortedValues current) {
        double[] edges = binEdges(reference);
        double[] referenceShares = binShares(reference, edges);
        double[] currentShares = binShares(current, edges);
        double psi = 0;
        for (int bin = 0; bin < referenceShares.length; bin++) {
            double ref = referenceShares[bin];
            double cur = currentShares[bin];
            psi += (cur - ref) * Math.log(cur / ref);
        }
        return psi;
    }

    /** The distinct reference deciles, ascending: between 1 and 9 edges. */
    static double[] binEdges(SortedValues reference) {
        double[] deciles = new double[DECILES - 1];
        for (int k = 1; k < DECILES; k++) {
            deciles[k - 1] = reference.quantile(k / (double) DECILES);
        }
        Arrays.sort(deciles); // interpolated quantiles are already in order; this makes it a guarantee
        int distinct = 1;
        for (int k = 1; k < deciles.length; k++) {
            if (deciles[k] != deciles[distinct - 1]) {
                deciles[distinct++] = deciles[k];
            }
        }
        return Arrays.copyOf(deciles, distinct);
    }

    /** The share of {@code sample} in each of the {@code edges.length + 1} bins, empty bins smoothed. */
    static double[] binShares(SortedValues sample, double[] edges) {
        long[] counts = new long[edges.length + 1];
        int bin = 0;
        for (double value : sample.array()) {
            while (bin < edges.length && value >= edges[bin]) {
                bin++;
            }
            counts[bin]++;
        }
        double[] shares = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            shares[k] = counts[k] == 0 ? EMPTY_BIN_SHARE : counts[k] / (double) sample.size();
        }
        return shares;
    }
}
