package io.refinery.metrics.drift.stats;

/**
 * The Jensen–Shannon distance between the category frequencies of two samples, with natural logarithms.
 *
 * <p>With {@code p} and {@code q} the reference and current shares over the union of categories and {@code m = (p +
 * q) / 2}: divergence {@code JSD = (KL(p || m) + KL(q || m)) / 2}, where {@code KL(p || m) = sum p_k ln(p_k / m_k)}
 * and terms with {@code p_k = 0} are 0; distance {@code sqrt(JSD)}, between 0 (same frequencies) and
 * {@code sqrt(ln 2) = 0.8326} (no category in common). This is scipy's {@code
 * scipy.spatial.distance.jensenshannon(ref_counts, cur_counts)}, which normalizes the counts itself. Categories seen
 * in only one sample need no special treatment: {@code m_k > 0} wherever either share is.
 */
final class JensenShannon {

    private JensenShannon() {
    }

    /** The Jensen–Shannon distance of the two samples' category frequencies. */
    static double distance(CategoryCounts counts) {
        long[] reference = counts.reference();
        long[] current = counts.current();
        double referenceTotal = counts.referenceTotal();
        double currentTotal = counts.currentTotal();
        double referenceDivergence = 0;
        double currentDivergence = 0;
        for (int k = 0; k < counts.size(); k++) {
            double p = reference[k] / referenceTotal;
            double q = current[k] / currentTotal;
            double m = (p + q) / 2;
            if (p > 0) {
                referenceDivergence += p * Math.log(p / m);
            }
            if (q > 0) {
                currentDivergence += q * Math.log(q / m);
            }
        }
        double divergence = (referenceDivergence + currentDivergence) / 2;
        return Math.sqrt(Math.max(0, divergence)); // rounding can leave -1e-17 for equal frequencies
    }
}
