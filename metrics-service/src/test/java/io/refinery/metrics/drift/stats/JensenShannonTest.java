package io.refinery.metrics.drift.stats;

import static io.refinery.metrics.drift.stats.DriftSamples.T1;
import static io.refinery.metrics.drift.stats.DriftSamples.T2;
import static io.refinery.metrics.drift.stats.DriftSamples.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * Reference values: scipy 1.17.1, {@code scipy.spatial.distance.jensenshannon(ref_counts, cur_counts)} (natural log,
 * the default), with the counts listed over the union of categories in the order given in each comment. Tolerance
 * 1e-12 relative.
 */
class JensenShannonTest {

    private static final double PERCENT = 1e-10;
    private static final String[] COLORS = {"red", "green", "blue", "yellow"};

    @Test
    void smallSamples() {
        // jensenshannon([5, 3, 2], [3, 3, 6]) = 0.23575934947201851 (red, green, blue)
        String[] reference = {"red", "green", "blue", "red", "red", "green", "blue", "red", "green", "red"};
        String[] current = {"red", "blue", "blue", "green", "blue", "red", "blue", "green", "blue", "red", "blue",
            "green"};

        assertThat(distance(reference, current)).isCloseTo(0.23575934947201851, withinPercentage(PERCENT));
    }

    @Test
    void thousandValuesEachSide() {
        // jensenshannon([480, 310, 150, 60], [420, 330, 170, 80]) = 0.0467595613885972
        assertThat(distance(Labels.of(COLORS, 480, 310, 150, 60), Labels.of(COLORS, 420, 330, 170, 80)))
                .isCloseTo(0.0467595613885972, withinPercentage(PERCENT));
    }

    @Test
    void newCategoryInCurrent() {
        // jensenshannon([5, 3, 2, 0], [4, 2, 1, 3]) = 0.346820456568833 (yellow only in current)
        assertThat(distance(Labels.of(COLORS, 5, 3, 2, 0), Labels.of(COLORS, 4, 2, 1, 3)))
                .isCloseTo(0.346820456568833, withinPercentage(PERCENT));
    }

    @Test
    void noCategoryInCommonIsTheMaximumSqrtLn2() {
        // jensenshannon([3, 2, 0, 0], [0, 0, 4, 1]) = 0.8325546111576977 = np.sqrt(np.log(2))
        assertThat(distance(Labels.of(COLORS, 3, 2, 0, 0), Labels.of(COLORS, 0, 0, 4, 1)))
                .isCloseTo(0.8325546111576977, withinPercentage(PERCENT));
    }

    @Test
    void sameFrequenciesGiveZero() {
        // jensenshannon([480, 310, 150, 60], [240, 155, 75, 30]) = 0.0; one category: jensenshannon([3], [2]) = 0.0
        assertThat(distance(Labels.of(COLORS, 480, 310, 150, 60), Labels.of(COLORS, 240, 155, 75, 30))).isZero();
        assertThat(distance(new String[] {"x", "x", "x"}, new String[] {"x", "x"})).isZero();
    }

    @Test
    void numericalValuesAsCategories() {
        // jensenshannon([1, 2, 3, 2, 1, 1, 0], [0, 1, 2, 3, 1, 2, 2]) = 0.3527253583139678 (values 1..7 of T1, T2)
        assertThat(JensenShannon.distance(CategoryCounts.ofValues(sorted(T1), sorted(T2))))
                .isCloseTo(0.3527253583139678, withinPercentage(PERCENT));
    }

    private static double distance(String[] reference, String[] current) {
        return JensenShannon.distance(CategoryCounts.ofLabels(reference, current));
    }
}
