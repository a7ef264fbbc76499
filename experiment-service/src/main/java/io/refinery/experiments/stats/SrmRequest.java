package io.refinery.experiments.stats;

import java.util.List;

/**
 * A sample ratio mismatch check: how many units each variant {@code observed}, and the {@code expectedWeights} the
 * traffic split should give them (any positive scale: {@code [1, 1]} and {@code [0.5, 0.5]} both mean 50/50). The
 * compact constructor validates and copies both lists.
 *
 * @param observed units per variant, each at least 0; at least two variants
 * @param expectedWeights one positive, finite weight per variant
 */
public record SrmRequest(List<Long> observed, List<Double> expectedWeights) {

    public SrmRequest {
        Inputs.requireNonNull(observed, "observed");
        Inputs.requireNonNull(expectedWeights, "expectedWeights");
        if (observed.size() < 2) {
            throw new InvalidStatisticsInputException("observed",
                    "needs at least two variants, had " + observed.size());
        }
        if (expectedWeights.size() != observed.size()) {
            throw new InvalidStatisticsInputException("expectedWeights", "needs one weight per observed variant ("
                    + observed.size() + "), had " + expectedWeights.size());
        }
        for (int i = 0; i < observed.size(); i++) {
            Inputs.requireNonNegative(Inputs.requireNonNull(observed.get(i), "observed[" + i + "]"),
                    "observed[" + i + "]");
            Inputs.requirePositive(Inputs.requireNonNull(expectedWeights.get(i), "expectedWeights[" + i + "]"),
                    "expectedWeights[" + i + "]");
        }
        observed = List.copyOf(observed);
        expectedWeights = List.copyOf(expectedWeights);
    }
}
