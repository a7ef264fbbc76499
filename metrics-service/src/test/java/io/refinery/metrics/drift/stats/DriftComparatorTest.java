package io.refinery.metrics.drift.stats;

import static io.refinery.metrics.drift.stats.DriftSamples.A;
import static io.refinery.metrics.drift.stats.DriftSamples.B;
import static io.refinery.metrics.drift.stats.DriftSamples.N120;
import static io.refinery.metrics.drift.stats.DriftSamples.N150S;
import static io.refinery.metrics.drift.stats.DriftSamples.T1;
import static io.refinery.metrics.drift.stats.DriftSamples.T2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The facade end to end: method choice, thresholds, decisions and result shape. Statistics and p-values are the scipy
 * 1.17.1 / numpy 2.4.6 reference values already checked method by method (same expressions, cited again here);
 * tolerance 1e-10 relative.
 */
class DriftComparatorTest {

    private static final double PERCENT = 1e-8;
    private static final String[] COLORS = {"red", "green", "blue", "yellow"};

    @Test
    void ksGivesDAndScipysDefaultExactPValue() {
        // scipy 1.10.1: ks_2samp(A, B) = (0.6333333333333333, 0.015306674749399209), method 'auto' = 'exact'
        DriftResult result = compare(DriftMethod.KS, A, B, null);

        assertThat(result.method()).isEqualTo(DriftMethod.KS);
        assertThat(result.statistic()).isCloseTo(0.6333333333333334, withinPercentage(PERCENT));
        assertThat(result.pValue()).isCloseTo(0.015306674749399209, withinPercentage(PERCENT));
        assertThat(result.pValueMethod()).isEqualTo("EXACT");
        assertThat(result.threshold()).isEqualTo(0.05);
        assertThat(result.drifted()).isTrue();
        assertThat(result.psiBand()).isNull();
    }

    @Test
    void explicitThresholdIsApplied() {
        // p = 0.0252 is not below 0.01
        DriftResult result = compare(DriftMethod.KS, A, B, 0.01);

        assertThat(result.threshold()).isEqualTo(0.01);
        assertThat(result.drifted()).isFalse();
    }

    @Test
    void wassersteinDriftsFromATenthOfAStandardDeviation() {
        // wasserstein_distance(N120, N150S) / np.std(N120) = 0.6146654860288858 >= 0.1
        DriftResult result = compare(DriftMethod.WASSERSTEIN, N120, N150S, null);

        assertThat(result.statistic()).isCloseTo(0.6146654860288858, withinPercentage(PERCENT));
        assertThat(result.pValue()).isNull();
        assertThat(result.threshold()).isEqualTo(0.1);
        assertThat(result.drifted()).isTrue();
        assertThat(compare(DriftMethod.WASSERSTEIN, N120, N150S, 0.7).drifted()).isFalse();
    }

    @Test
    void psiComesWithItsBand() {
        // psi(N120, N150S) = 0.35782833595270325 (see PopulationStabilityTest): MAJOR, drifted at 0.1
        DriftResult result = compare(DriftMethod.PSI, N120, N150S, null);

        assertThat(result.statistic()).isCloseTo(0.35782833595270325, withinPercentage(PERCENT));
        assertThat(result.pValue()).isNull();
        assertThat(result.psiBand()).isEqualTo(PsiBand.MAJOR);
        assertThat(result.drifted()).isTrue();

        DriftResult same = compare(DriftMethod.PSI, N120, N120, null);
        assertThat(same.statistic()).isZero();
        assertThat(same.psiBand()).isEqualTo(PsiBand.STABLE);
        assertThat(same.drifted()).isFalse();
    }

    @Test
    void autoPicksKsForASmallReferenceWithManyValues() {
        // 120 <= 1,000 values, 100+ distinct; scipy 1.10.1 ks_2samp(N120, N150S).pvalue = 0.0002720473459364451 (exact)
        DriftResult result = compare(DriftMethod.AUTO, N120, N150S, null);

        assertThat(result.method()).isEqualTo(DriftMethod.KS);
        assertThat(result.pValue()).isCloseTo(0.0002720473459364451, withinPercentage(PERCENT));
        assertThat(result.threshold()).isEqualTo(0.05);
        assertThat(result.drifted()).isTrue();
    }

    @Test
    void autoPicksWassersteinForALargeReferenceWithManyValues() {
        double[] reference = cycle(1_001, 0, 1, 2, 3, 4, 5); // 1,001 values, 6 distinct

        DriftResult result = compare(DriftMethod.AUTO, reference, reference, null);

        assertThat(result.method()).isEqualTo(DriftMethod.WASSERSTEIN);
        assertThat(result.statistic()).isZero();
        assertThat(result.threshold()).isEqualTo(0.1);
        assertThat(result.drifted()).isFalse();
    }

    @Test
    void autoTreatsFewValuesAsCategoriesWithChiSquareForASmallReference() {
        // reference [0, 0, 0, 1, 1] (2 distinct), current [0, 1, 1, 1]:
        // chisquare([1, 3], f_exp=np.array([3, 2]) / 5 * 4) = (2.0416666666666665, 0.15304188415881603)
        DriftResult result = compare(DriftMethod.AUTO, new double[] {0, 0, 0, 1, 1}, new double[] {0, 1, 1, 1}, null);

        assertThat(result.method()).isEqualTo(DriftMethod.CHI_SQUARE);
        assertThat(result.statistic()).isCloseTo(2.0416666666666665, withinPercentage(PERCENT));
        assertThat(result.pValue()).isCloseTo(0.15304188415881603, withinPercentage(PERCENT));
        assertThat(result.drifted()).isFalse();
    }

    @Test
    void autoTreatsFewValuesAsCategoriesWithJensenShannonForALargeReference() {
        // reference 600 zeros and 401 ones, current 500 of each:
        // jensenshannon([600, 401], [500, 500]) = 0.07069798952786906
        double[] reference = repeat(600, 0, 401, 1);
        double[] current = repeat(500, 0, 500, 1);

        DriftResult result = compare(DriftMethod.AUTO, reference, current, null);

        assertThat(result.method()).isEqualTo(DriftMethod.JENSEN_SHANNON);
        assertThat(result.statistic()).isCloseTo(0.07069798952786906, withinPercentage(PERCENT));
        assertThat(result.drifted()).isFalse();
    }

    @Test
    void autoCountsDistinctValuesOverTheReferenceOnly() {
        // reference 5 distinct values, current many: still categories
        double[] current = new double[50];
        Arrays.setAll(current, i -> i);

        assertThat(compare(DriftMethod.AUTO, new double[] {1, 2, 3, 4, 5}, current, null).method())
                .isEqualTo(DriftMethod.CHI_SQUARE);
        assertThat(compare(DriftMethod.AUTO, T1, new double[] {1}, null).method()).as("T1 has 6 distinct values")
                .isEqualTo(DriftMethod.KS);
    }

    @Test
    void autoKeepsTestsUpToAThousandReferenceValues() {
        double[] thousand = cycle(1_000, 0, 1, 2, 3, 4, 5);
        String[] thousandLabels = Labels.of(COLORS, 500, 500);
        String[] moreLabels = Labels.of(COLORS, 500, 501);

        assertThat(compare(DriftMethod.AUTO, thousand, thousand, null).method()).isEqualTo(DriftMethod.KS);
        assertThat(compareLabels(DriftMethod.AUTO, thousandLabels, thousandLabels).method())
                .isEqualTo(DriftMethod.CHI_SQUARE);
        assertThat(compareLabels(DriftMethod.AUTO, moreLabels, thousandLabels).method())
                .isEqualTo(DriftMethod.JENSEN_SHANNON);
    }

    @Test
    void autoAppliesAnExplicitThresholdToTheChosenMethod() {
        DriftResult result = compare(DriftMethod.AUTO, N120, N150S, 0.0001);

        assertThat(result.method()).isEqualTo(DriftMethod.KS);
        assertThat(result.threshold()).isEqualTo(0.0001);
        assertThat(result.drifted()).as("p = 0.000343 is not below 0.0001").isFalse();
    }

    @Test
    void categoricalLabelsWithExplicitMethods() {
        // jensenshannon([480, 310, 150, 60], [420, 330, 170, 80]) = 0.0467595613885972 < 0.1
        // chisquare over the same counts: p = 0.00041476021091161084 < 0.05
        String[] reference = Labels.of(COLORS, 480, 310, 150, 60);
        String[] current = Labels.of(COLORS, 420, 330, 170, 80);

        DriftResult js = compareLabels(DriftMethod.JENSEN_SHANNON, reference, current);
        DriftResult chi = compareLabels(DriftMethod.CHI_SQUARE, reference, current);

        assertThat(js.statistic()).isCloseTo(0.0467595613885972, withinPercentage(PERCENT));
        assertThat(js.pValue()).isNull();
        assertThat(js.drifted()).isFalse();
        assertThat(chi.pValue()).isCloseTo(0.00041476021091161084, withinPercentage(PERCENT));
        assertThat(chi.drifted()).isTrue();
    }

    @Test
    void categoricalMethodsOnNumericalDataTreatValuesAsCategories() {
        // jensenshannon([1, 2, 3, 2, 1, 1, 0], [0, 1, 2, 3, 1, 2, 2]) = 0.3527253583139678; chi p = 0.28084655965205385
        assertThat(compare(DriftMethod.JENSEN_SHANNON, T1, T2, null).statistic())
                .isCloseTo(0.3527253583139678, withinPercentage(PERCENT));
        assertThat(compare(DriftMethod.CHI_SQUARE, T1, T2, null).pValue())
                .isCloseTo(0.28084655965205385, withinPercentage(PERCENT));
    }

    @Test
    void singleCategoryIsNeverDrift() {
        DriftResult result = compareLabels(DriftMethod.CHI_SQUARE, new String[] {"x", "x"}, new String[] {"x"});

        assertThat(result.statistic()).isZero();
        assertThat(result.pValue()).isEqualTo(1.0);
        assertThat(result.drifted()).isFalse();
    }

    @Test
    void inputArraysAreLeftAlone() {
        double[] reference = B.clone();
        double[] current = A.clone();

        compare(DriftMethod.KS, reference, current, null);

        assertThat(reference).containsExactly(B);
        assertThat(current).containsExactly(A);
    }

    private static DriftResult compare(DriftMethod method, double[] reference, double[] current, Double threshold) {
        return DriftComparator.compare(new DriftInput.Numerical(method, reference, current, threshold));
    }

    private static DriftResult compareLabels(DriftMethod method, String[] reference, String[] current) {
        return DriftComparator.compare(new DriftInput.Categorical(method, reference, current, null));
    }

    /** {@code size} values cycling through {@code values}. */
    private static double[] cycle(int size, double... values) {
        double[] result = new double[size];
        Arrays.setAll(result, i -> values[i % values.length]);
        return result;
    }

    /** {@code firstCount} copies of {@code first}, then {@code secondCount} copies of {@code second}. */
    private static double[] repeat(int firstCount, double first, int secondCount, double second) {
        double[] result = new double[firstCount + secondCount];
        Arrays.fill(result, 0, firstCount, first);
        Arrays.fill(result, firstCount, result.length, second);
        return result;
    }
}
