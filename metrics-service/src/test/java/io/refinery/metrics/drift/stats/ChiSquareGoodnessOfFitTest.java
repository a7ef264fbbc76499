package io.refinery.metrics.drift.stats;

import static io.refinery.metrics.drift.stats.DriftSamples.T1;
import static io.refinery.metrics.drift.stats.DriftSamples.T2;
import static io.refinery.metrics.drift.stats.DriftSamples.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * Reference values: scipy 1.17.1, {@code scipy.stats.chisquare}, with the counts listed over the union of categories
 * in the order given in each comment and unseen reference categories given the pseudo-count 0.5:
 *
 * <pre>
 * def chi(ref, cur):
 *     ref = np.asarray(ref, float); cur = np.asarray(cur, float)
 *     f = np.where(ref == 0, 0.5, ref)
 *     return chisquare(cur, f_exp=f / f.sum() * cur.sum())
 * </pre>
 *
 * Without unseen categories {@code chi(ref, cur)} is {@code chisquare(cur, f_exp=ref / ref.sum() * cur.sum())}.
 * Tolerance: statistic 1e-12 relative, p-value 1e-10 relative.
 */
class ChiSquareGoodnessOfFitTest {

    private static final double STATISTIC_PERCENT = 1e-10;
    private static final double P_VALUE_PERCENT = 1e-8;
    private static final String[] COLORS = {"red", "green", "blue", "yellow"};

    @Test
    void smallSamples() {
        // chi([5, 3, 2], [3, 3, 6]) = (6.999999999999997, 0.030197383422318543), df 2
        assertTest(Labels.of(COLORS, 5, 3, 2), Labels.of(COLORS, 3, 3, 6), 6.999999999999997, 2,
                0.030197383422318543);
    }

    @Test
    void thousandValuesEachSide() {
        // chi([480, 310, 150, 60], [420, 330, 170, 80]) = (18.123655913978496, 0.00041476021091161084), df 3
        assertTest(Labels.of(COLORS, 480, 310, 150, 60), Labels.of(COLORS, 420, 330, 170, 80), 18.123655913978496, 3,
                0.00041476021091161084);
    }

    @Test
    void sameProportionsGiveZeroAndPOne() {
        // chi([480, 310, 150, 60], [240, 155, 75, 30]) = (0.0, 1.0)
        assertTest(Labels.of(COLORS, 480, 310, 150, 60), Labels.of(COLORS, 240, 155, 75, 30), 0.0, 3, 1.0);
    }

    @Test
    void newCategoryGetsThePseudoCount() {
        // chi([5, 3, 2, 0], [4, 2, 1, 3]) = (14.185, 0.0026638510687610954), df 3: yellow is new
        assertTest(Labels.of(COLORS, 5, 3, 2, 0), Labels.of(COLORS, 4, 2, 1, 3), 14.185, 3, 0.0026638510687610954);
    }

    @Test
    void oneStrayNewValueIsNotDriftButANewShareIs() {
        // chi([500, 500, 0], [499, 500, 1]) = (0.5020009999999999, 0.7780219825478689)
        assertTest(Labels.of(COLORS, 500, 500, 0), Labels.of(COLORS, 499, 500, 1), 0.5020009999999999, 2,
                0.7780219825478689);
        // chi([500, 500, 0], [485, 485, 30]) = (1742.2704499999998, 0.0); chi2.sf(1742.27..., 2) underflows
        assertTest(Labels.of(COLORS, 500, 500, 0), Labels.of(COLORS, 485, 485, 30), 1742.2704499999998, 2, 0.0);
    }

    @Test
    void noCategoryInCommon() {
        // chi([3, 2, 0, 0], [0, 0, 4, 1]) = (35.800000000000004, 8.254100591234979e-08)
        assertTest(Labels.of(COLORS, 3, 2, 0, 0), Labels.of(COLORS, 0, 0, 4, 1), 35.800000000000004, 3,
                8.254100591234979e-08);
    }

    @Test
    void numericalValuesAsCategories() {
        // chi([1, 2, 3, 2, 1, 1, 0], [0, 1, 2, 3, 1, 2, 2]) = (7.454545454545457, 0.28084655965205385), df 6;
        // value 7 is only in T2
        CategoryCounts counts = CategoryCounts.ofValues(sorted(T1), sorted(T2));

        double statistic = ChiSquareGoodnessOfFit.statistic(counts);
        assertThat(statistic).isCloseTo(7.454545454545457, withinPercentage(STATISTIC_PERCENT));
        assertThat(ChiSquareGoodnessOfFit.pValue(statistic, ChiSquareGoodnessOfFit.degreesOfFreedom(counts)))
                .isCloseTo(0.28084655965205385, withinPercentage(P_VALUE_PERCENT));
    }

    @Test
    void oneCategoryHasNothingToCompare() {
        // chisquare([2], f_exp=[2.0]) = (0.0, nan): df 0; we answer p = 1
        assertTest(new String[] {"x", "x", "x"}, new String[] {"x", "x"}, 0.0, 0, 1.0);
    }

    @Test
    void tinyPValuesKeepTheirPrecision() {
        // chi2.sf(400, 3) = 2.2138865931011112e-86, chi2.sf(1000, 2) = 7.124576406741474e-218
        assertThat(ChiSquareGoodnessOfFit.pValue(400, 3)).isCloseTo(2.2138865931011112e-86, withinPercentage(1e-8));
        assertThat(ChiSquareGoodnessOfFit.pValue(1000, 2)).isCloseTo(7.124576406741474e-218, withinPercentage(1e-8));
    }

    private static void assertTest(String[] reference, String[] current, double statistic, int degreesOfFreedom,
            double pValue) {
        CategoryCounts counts = CategoryCounts.ofLabels(reference, current);

        double actual = ChiSquareGoodnessOfFit.statistic(counts);
        assertThat(actual).isCloseTo(statistic, withinPercentage(STATISTIC_PERCENT));
        assertThat(ChiSquareGoodnessOfFit.degreesOfFreedom(counts)).isEqualTo(degreesOfFreedom);
        double p = ChiSquareGoodnessOfFit.pValue(actual, degreesOfFreedom);
        if (pValue == 0.0) {
            assertThat(p).isZero();
        } else {
            assertThat(p).isCloseTo(pValue, withinPercentage(P_VALUE_PERCENT));
        }
    }
}
