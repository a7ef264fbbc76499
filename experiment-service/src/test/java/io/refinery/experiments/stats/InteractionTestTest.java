package io.refinery.experiments.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Reference values from scipy 1.10.1 and statsmodels 0.13.5 (Debian's packages, pandas 1.5.3):
 * <pre>
 *   chi2_contingency(table, correction=False)                              # statistic, dof, p-value
 *   smf.ols("y ~ a * b", df).fit(cov_type="HC0" | "HC2")                   # params, bse, pvalues of "a:b"
 * </pre>
 */
class InteractionTestTest {

    @Test
    void independenceMatchesScipy() {
        // [[520, 480], [505, 495]]: 0.45028142589118203, 1, 0.5022013399924297
        InteractionTest.Independence two = InteractionTest.independence(new long[][] { { 520, 480 }, { 505, 495 } });
        assertThat(two.chiSquare()).isCloseTo(0.45028142589118203, within(1e-12));
        assertThat(two.degreesOfFreedom()).isEqualTo(1);
        assertThat(two.pValue()).isCloseTo(0.5022013399924297, within(1e-12));
        assertThat(two.dependent()).isFalse();
        // [[300, 290, 310], [200, 260, 240]]: 5.633477633477633, 2, 0.05980064592043509
        InteractionTest.Independence three = InteractionTest.independence(new long[][] { { 300, 290, 310 },
                { 200, 260, 240 } });
        assertThat(three.chiSquare()).isCloseTo(5.633477633477633, within(1e-12));
        assertThat(three.degreesOfFreedom()).isEqualTo(2);
        assertThat(three.pValue()).isCloseTo(0.05980064592043509, within(1e-12));
        // [[600, 400], [400, 600]]: 80.0, 1, 3.744097384202887e-19 — one split follows the other
        InteractionTest.Independence dependent = InteractionTest.independence(new long[][] { { 600, 400 }, { 400, 600 } });
        assertThat(dependent.pValue()).isCloseTo(3.744097384202887e-19, within(1e-30));
        assertThat(dependent.dependent()).isTrue();
        // An empty column leaves a single column: nothing to test.
        assertThat(InteractionTest.independence(new long[][] { { 10, 0 }, { 12, 0 } }).pValue()).isNull();
    }

    @Test
    void aConversionInteractionMatchesOlsWithHc0() {
        // cells (a, b): (0,0) 100/1000, (1,0) 120/1000, (0,1) 100/1000, (1,1) 160/1000
        // statsmodels: a:b 0.04, bse 0.020493901531919278, p 0.050961936967770835
        ArmStatistic[][] cells = { { new ProportionStatistic(1000, 100), new ProportionStatistic(1000, 100) },
                { new ProportionStatistic(1000, 120), new ProportionStatistic(1000, 160) } };
        InteractionTest.Contrast c = InteractionTest.effects(cells, 0.05).get(0);
        assertThat(c.interaction()).isCloseTo(0.04, within(1e-12));
        assertThat(c.standardError()).isCloseTo(0.020493901531919278, within(1e-12));
        assertThat(c.pValue()).isCloseTo(0.050961936967770835, within(1e-12));
        assertThat(c.adjustedPValue()).isEqualTo(c.pValue());
        assertThat(c.significant()).isFalse();
    }

    @Test
    void anOrderValueInteractionMatchesOlsWithHc2() throws IOException {
        // reference/interaction-cells.csv, 40 values per cell; statsmodels: a:b -19.797999999999966,
        // bse 14.939463511868, p 0.185099876896205
        ArmStatistic[][] cells = new ArmStatistic[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                cells[a][b] = SampleMeanStatistic.of(values(a, b));
            }
        }
        InteractionTest.Contrast c = InteractionTest.effects(cells, 0.05).get(0);
        assertThat(c.interaction()).isCloseTo(-19.797999999999966, within(1e-10));
        assertThat(c.standardError()).isCloseTo(14.939463511868, within(1e-9));
        assertThat(c.pValue()).isCloseTo(0.185099876896205, within(1e-10));
    }

    @Test
    void severalPairsAreHolmAdjustedAndTinyCellsAreSaid() {
        ArmStatistic[][] cells = {
                { new ProportionStatistic(1000, 100), new ProportionStatistic(1000, 100), new ProportionStatistic(1, 0) },
                { new ProportionStatistic(1000, 120), new ProportionStatistic(1000, 160), new ProportionStatistic(1, 1) } };
        List<InteractionTest.Contrast> contrasts = InteractionTest.effects(cells, 0.05);
        assertThat(contrasts).hasSize(2);
        assertThat(contrasts.get(0).adjustedPValue()).isEqualTo(contrasts.get(0).pValue()); // the only one tested
        assertThat(contrasts.get(1).status()).isEqualTo(AnalysisStatus.NOT_ENOUGH_UNITS);
        assertThat(contrasts.get(1).pValue()).isNull();
    }

    private static double[] values(int a, int b) throws IOException {
        try (InputStream in = InteractionTestTest.class.getResourceAsStream("/reference/interaction-cells.csv")) {
            String prefix = a + "," + b + ",";
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.startsWith(prefix))
                    .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()))).toArray();
        }
    }
}
