package io.refinery.experiments.assignment.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/** Assignment is stable, follows the weights and the traffic fraction, and is independent across experiments. */
class AllocationTest {

    private static final int UNITS = 100_000;

    @Test
    void overAHundredThousandUnitsEachVariantGetsItsWeightWithinOnePercentAndTheSameUnitAlwaysTheSameVariant() {
        Allocation allocation = new Allocation("ranker-v7", 1.0, List.of("control", "a", "b"), List.of(0.5, 0.3, 0.2));
        Allocation again = new Allocation("ranker-v7", 1.0, List.of("control", "a", "b"), List.of(0.5, 0.3, 0.2));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < UNITS; i++) {
            String unit = "user-" + i;
            String variant = allocation.assign(unit);
            assertThat(again.assign(unit)).isEqualTo(variant).isEqualTo(allocation.assign(unit));
            counts.merge(variant, 1, Integer::sum);
        }
        assertThat(share(counts, "control")).isCloseTo(0.5, within(0.01 * 0.5));
        assertThat(share(counts, "a")).isCloseTo(0.3, within(0.01 * 0.3));
        assertThat(share(counts, "b")).isCloseTo(0.2, within(0.01 * 0.2));
        // And no worse than chance: Pearson's goodness of fit against the weights.
        double chiSquare = 0;
        double[] weights = { 0.5, 0.3, 0.2 };
        String[] keys = { "control", "a", "b" };
        for (int i = 0; i < 3; i++) {
            double expected = UNITS * weights[i];
            chiSquare += Math.pow(counts.get(keys[i]) - expected, 2) / expected;
        }
        assertThat(1 - new ChiSquaredDistribution(2).cumulativeProbability(chiSquare)).isGreaterThan(0.001);
    }

    @Test
    void theTrafficFractionEnrolsItsShareAndRaisingItKeepsEveryEnrolledUnitsVariant() {
        Allocation tenth = new Allocation("ramp", 0.1, List.of("control", "treatment"), List.of(0.5, 0.5));
        Allocation half = new Allocation("ramp", 0.5, List.of("control", "treatment"), List.of(0.5, 0.5));
        int inTenth = 0;
        int inHalf = 0;
        for (int i = 0; i < UNITS; i++) {
            String unit = "session-" + i;
            String small = tenth.assign(unit);
            String large = half.assign(unit);
            if (small != null) {
                inTenth++;
                assertThat(large).isEqualTo(small);
            }
            if (large != null) {
                inHalf++;
            }
        }
        assertThat((double) inTenth / UNITS).isCloseTo(0.1, within(0.01 * 0.1 * 3));
        assertThat((double) inHalf / UNITS).isCloseTo(0.5, within(0.01 * 0.5));
    }

    @Test
    void assignmentsInTwoExperimentsAreIndependent() {
        Allocation first = new Allocation("exp-one", 1.0, List.of("c", "t"), List.of(0.5, 0.5));
        Allocation second = new Allocation("exp-two", 1.0, List.of("c", "t"), List.of(0.5, 0.5));
        long[][] table = new long[2][2];
        for (int i = 0; i < UNITS; i++) {
            String unit = "user-" + i;
            table[first.assign(unit).equals("c") ? 0 : 1][second.assign(unit).equals("c") ? 0 : 1]++;
        }
        // Pearson's chi-square test of independence on the 2x2 table (1 degree of freedom).
        double chiSquare = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double expected = (double) (table[r][0] + table[r][1]) * (table[0][c] + table[1][c]) / UNITS;
                chiSquare += Math.pow(table[r][c] - expected, 2) / expected;
            }
        }
        assertThat(1 - new ChiSquaredDistribution(1).cumulativeProbability(chiSquare)).isGreaterThan(0.001);
        // Half of the units switch arms between the experiments, not none and not all.
        double same = (double) (table[0][0] + table[1][1]) / UNITS;
        assertThat(same).isCloseTo(0.5, within(0.01));
    }

    private static double share(Map<String, Integer> counts, String key) {
        return counts.get(key) / (double) UNITS;
    }
}
