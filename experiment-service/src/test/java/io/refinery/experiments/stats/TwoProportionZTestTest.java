package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values from python3 with scipy 1.17.1 / numpy 2.4.6, where for counts (n_c, x_c, n_t, x_t):
 * <pre>
 *   pc, pt, p = xc/nc, xt/nt, (xc+xt)/(nc+nt)
 *   z = (pt-pc)/np.sqrt(p*(1-p)*(1/nc+1/nt));  pvalue = 2*scipy.stats.norm.sf(abs(z))
 *   cross-check: scipy.stats.chi2_contingency([[xc,nc-xc],[xt,nt-xt]], correction=False).pvalue (agrees to 1e-15)
 *   lift = pt/pc-1;  var = (pt*(1-pt)/nt)/pc**2 + pt**2*(pc*(1-pc)/nc)/pc**4
 *   ci = lift ∓ scipy.stats.norm.ppf(1-alpha/2)*np.sqrt(var)
 * </pre>
 */
class TwoProportionZTestTest {

    private static final TwoProportionZTest TEST = new TwoProportionZTest(0.05);

    @Test
    void tenVersusElevenPercentOnTenThousandEach() {
        // z = 2.3066347738170103, pvalue = 0.021075189273797826 (chi2_contingency: 0.021075189273797777)
        // ci = [0.010870112525620937, 0.1891298874743788]; tolerance 1e-12
        ComparisonResult result = TEST.compare(new ProportionStatistic(10_000, 1_000),
                new ProportionStatistic(10_000, 1_100));

        assertThat(result.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(result.message()).isNull();
        assertThat(result.pValue()).isCloseTo(0.021075189273797826, within(1e-12));
        assertThat(result.significant()).isTrue();
        assertThat(result.absoluteDifference()).isCloseTo(0.01, within(1e-15));
        assertThat(result.relativeLift()).isCloseTo(0.1, within(1e-12));
        assertThat(result.confidenceInterval().lower()).isCloseTo(0.010870112525620937, within(1e-12));
        assertThat(result.confidenceInterval().upper()).isCloseTo(0.1891298874743788, within(1e-12));
        assertThat(result.chanceToBeatControl()).isNull();
        assertThat(result.expectedLoss()).isNull();
    }

    @Test
    void smallUnequalSamplesAreNotSignificant() {
        // (100, 10, 120, 21): pvalue = 0.11137777404925557 (chi2_contingency: 0.11137777404925621)
        // ci = [-0.48327920675675884, 1.9832792067567584]; tolerance 1e-12
        ComparisonResult result = TEST.compare(new ProportionStatistic(100, 10), new ProportionStatistic(120, 21));

        assertThat(result.pValue()).isCloseTo(0.11137777404925557, within(1e-12));
        assertThat(result.significant()).isFalse();
        assertThat(result.relativeLift()).isCloseTo(0.75, within(1e-12));
        assertThat(result.confidenceInterval().lower()).isCloseTo(-0.48327920675675884, within(1e-12));
        assertThat(result.confidenceInterval().upper()).isCloseTo(1.9832792067567584, within(1e-12));
    }

    @Test
    void nearlyEqualRatesGiveLargePValue() {
        // (5000, 250, 5000, 251): pvalue = 0.9634379801466182; ci = [-0.16736920861248825, 0.17536920861248825]
        ComparisonResult result = TEST.compare(new ProportionStatistic(5_000, 250),
                new ProportionStatistic(5_000, 251));

        assertThat(result.pValue()).isCloseTo(0.9634379801466182, within(1e-12));
        assertThat(result.confidenceInterval().lower()).isCloseTo(-0.16736920861248825, within(1e-12));
        assertThat(result.confidenceInterval().upper()).isCloseTo(0.17536920861248825, within(1e-12));
    }

    @Test
    void zeroControlConversionsLeaveRelativeLiftUndefinedButTestTheDifference() {
        // (1000, 0, 1000, 7): pvalue = 0.008039805481319906 (chi2_contingency: 0.008039805481319905)
        ComparisonResult result = TEST.compare(new ProportionStatistic(1_000, 0), new ProportionStatistic(1_000, 7));

        assertThat(result.status()).isEqualTo(AnalysisStatus.ZERO_CONTROL_MEAN);
        assertThat(result.message()).contains("relative lift");
        assertThat(result.pValue()).isCloseTo(0.008039805481319906, within(1e-12));
        assertThat(result.significant()).isTrue();
        assertThat(result.absoluteDifference()).isCloseTo(0.007, within(1e-15));
        assertThat(result.relativeLift()).isNull();
        assertThat(result.confidenceInterval()).isNull();
    }

    @Test
    void zeroTreatmentConversionsAreALiftOfMinusOne() {
        // (1000, 30, 1000, 0): chi2_contingency(..., correction=False).pvalue = 3.4137528580320575e-08
        ComparisonResult result = TEST.compare(new ProportionStatistic(1_000, 30), new ProportionStatistic(1_000, 0));

        assertThat(result.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(result.pValue()).isCloseTo(3.4137528580320575e-08, within(1e-18));
        assertThat(result.relativeLift()).isEqualTo(-1.0);
    }

    @Test
    void degenerateDataGivesStatusAndNullStatistics() {
        assertDegenerate(TEST.compare(ProportionStatistic.EMPTY, new ProportionStatistic(10, 1)),
                AnalysisStatus.NO_UNITS);
        assertDegenerate(TEST.compare(new ProportionStatistic(10, 1), ProportionStatistic.EMPTY),
                AnalysisStatus.NO_UNITS);
        assertDegenerate(TEST.compare(new ProportionStatistic(500, 0), new ProportionStatistic(400, 0)),
                AnalysisStatus.NO_CONVERSIONS);
        assertDegenerate(TEST.compare(new ProportionStatistic(500, 500), new ProportionStatistic(400, 400)),
                AnalysisStatus.ZERO_VARIANCE);
    }

    @Test
    void invalidInputsNameTheirField() {
        assertInvalid(() -> new TwoProportionZTest(0), "alpha");
        assertInvalid(() -> new TwoProportionZTest(1), "alpha");
        assertInvalid(() -> new TwoProportionZTest(Double.NaN), "alpha");
        assertInvalid(() -> TEST.compare(new ProportionStatistic(10, 11), new ProportionStatistic(10, 1)),
                "control.conversions");
        assertInvalid(() -> TEST.compare(new ProportionStatistic(10, 1), new ProportionStatistic(-10, 1)),
                "treatment.units");
        assertInvalid(() -> TEST.compare(null, new ProportionStatistic(10, 1)), "control");
    }

    static void assertDegenerate(ComparisonResult result, AnalysisStatus status) {
        assertThat(result.status()).isEqualTo(status);
        assertThat(result.message()).isEqualTo(status.message()).isNotBlank();
        assertThat(result.pValue()).isNull();
        assertThat(result.relativeLift()).isNull();
        assertThat(result.absoluteDifference()).isNull();
        assertThat(result.confidenceInterval()).isNull();
        assertThat(result.significant()).isNull();
        assertThat(result.chanceToBeatControl()).isNull();
        assertThat(result.expectedLoss()).isNull();
    }
}
