package io.refinery.metrics.performance.estimation;

/**
 * One non-empty bin of a reliability diagram: the rows whose probability p falls in [{@code lower}, {@code upper})
 * (the last bin closed at 1), their mean p, and the share of them that were positive.
 *
 * @param count rows in the bin, at least 1
 */
public record ReliabilityBin(double lower, double upper, int count, double meanScore, double observedRate) {

    public ReliabilityBin {
        if (!(lower >= 0 && lower < upper && upper <= 1)) {
            throw new IllegalArgumentException("need 0 ≤ lower < upper ≤ 1, were " + lower + " and " + upper);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        if (!(meanScore >= 0 && meanScore <= 1) || !(observedRate >= 0 && observedRate <= 1)) {
            throw new IllegalArgumentException(
                    "meanScore and observedRate must be in [0, 1], were " + meanScore + " and " + observedRate);
        }
    }
}
