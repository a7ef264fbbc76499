package io.refinery.metrics.performance.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Reference values: {@code reference/performance/cbpe-reference.py}: a numpy 1.24.2 transcription of NannyML's
 * {@code nannyml/sampling_error/binary_classification.py} on {@code cbpe-reference.csv} (ROC AUC with a stable sort;
 * see {@link #rocAucMatchesNannyMlsLiteralCodeWhereNoScoresTie}), and the reference ranges of the realized metrics
 * (scikit-learn 1.2.1) on four 500-row chunks of it, mean ± 3 {@code np.std}.
 */
class SamplingErrorsTest {

    private static final CbpeData REF = CbpeData.REFERENCE;

    @Test
    void componentsMatchNannyMlsFormulas() {
        Map<PerformanceMetric, SamplingErrorComponent> c = SamplingErrors.fit(REF.scores(), REF.predicted(),
                REF.labels());
        assertComponent(c.get(PerformanceMetric.ACCURACY), 0.449487485921466, 1.0, 0.01835024977123382);
        assertComponent(c.get(PerformanceMetric.PRECISION), 0.47170544736518566, 0.3905, 0.030816601849104088);
        assertComponent(c.get(PerformanceMetric.RECALL), 0.4818831742953173, 0.4105, 0.03070503215881491);
        assertComponent(c.get(PerformanceMetric.SPECIFICITY), 0.41517174475991286, 0.5895, 0.022075485276098965);
        assertComponent(c.get(PerformanceMetric.F1), 0.6748967138517348, 0.541, 0.03745959311514254);
        assertComponent(c.get(PerformanceMetric.ROC_AUC), 0.2299418255319284, 0.4105, 0.014651624136782147);
    }

    private static void assertComponent(SamplingErrorComponent c, double std, double fraction, double errorFor600) {
        assertThat(c.std()).isCloseTo(std, within(1e-12));
        assertThat(c.fraction()).isCloseTo(fraction, within(1e-15));
        assertThat(c.errorFor(600)).isCloseTo(errorFor600, within(1e-12));
        assertThat(c.upperBound(0.7, 600)).isCloseTo(0.7 + 3 * errorFor600, within(1e-12));
        assertThat(c.lowerBound(0.7, 600)).isCloseTo(0.7 - 3 * errorFor600, within(1e-12));
    }

    @Test
    void rocAucMatchesNannyMlsLiteralCodeWhereNoScoresTie() {
        // NannyML's np.argsort is not stable: on all 2,000 rows its literal code gives 0.22995316091786647 (the order
        // of tied scores differs). On the 1,819 rows whose score no other row has, literal and stable agree:
        int[] counts = new int[REF.size()];
        for (int i = 0; i < REF.size(); i++) {
            for (int j = 0; j < REF.size(); j++) {
                counts[i] += REF.scores()[i] == REF.scores()[j] ? 1 : 0;
            }
        }
        List<Integer> unique = new ArrayList<>();
        for (int i = 0; i < REF.size(); i++) {
            if (counts[i] == 1) {
                unique.add(i);
            }
        }
        double[] s = unique.stream().mapToDouble(i -> REF.scores()[i]).toArray();
        boolean[] y = new boolean[s.length];
        for (int k = 0; k < s.length; k++) {
            y[k] = REF.labels()[unique.get(k)];
        }
        assertThat(s).hasSize(1819);
        SamplingErrorComponent c = SamplingErrors.fit(s, new boolean[s.length], y).get(PerformanceMetric.ROC_AUC);
        assertThat(c.std()).isCloseTo(0.23128222338348742, within(1e-12));
        assertThat(c.fraction()).isCloseTo(0.4062671797691039, within(1e-15));
    }

    @Test
    void rocAucFlipsWhenPositivesAreTheMajority() {
        // positives 3 of 4 → flipped: one positive (the old negative, score 1 − 0.6 = 0.4) among 1 − s = 0.8, 0.4, 0.7,
        // 0.1 → sorted 0.1, 0.4, 0.7, 0.8: it sits at r = 1 with k = 0, value 1/3; std 0, fraction 1/4
        SamplingErrorComponent c = SamplingErrors.fit(new double[] { 0.2, 0.6, 0.3, 0.9 }, new boolean[4],
                new boolean[] { true, false, true, true }).get(PerformanceMetric.ROC_AUC);
        assertThat(c.std()).isEqualTo(0.0);
        assertThat(c.fraction()).isEqualTo(0.25);
    }

    @Test
    void undefinedComponentsAreNaNAndInputIsChecked() {
        Map<PerformanceMetric, SamplingErrorComponent> c = SamplingErrors.fit(new double[] { 0.2, 0.3 },
                new boolean[2], new boolean[2]);
        assertThat(c.get(PerformanceMetric.PRECISION).std()).isNaN();
        assertThat(c.get(PerformanceMetric.PRECISION).fraction()).isEqualTo(0.0);
        assertThat(c.get(PerformanceMetric.PRECISION).errorFor(600)).isNaN();
        assertThat(c.get(PerformanceMetric.F1).std()).isNaN();
        assertThat(c.get(PerformanceMetric.ROC_AUC).std()).isNaN();
        assertThat(c.get(PerformanceMetric.SPECIFICITY).std()).isEqualTo(0.0);
        assertThatThrownBy(() -> SamplingErrors.fit(new double[0], new boolean[0], new boolean[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampling errors need at least one labelled row");
        assertThatThrownBy(() -> new SamplingErrorComponent(-1, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("std must be finite and ≥ 0, or NaN; was -1.0");
        assertThatThrownBy(() -> new SamplingErrorComponent(0.5, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fraction must be in [0, 1], was 1.5");
        assertThat(new SamplingErrorComponent(0.5, 0.25).errorFor(0)).isNaN();
    }

    @Test
    void referenceRangesOfTheRealizedMetricsOnReferenceChunks() {
        double[][] expected = { // mean, std, lower, upper per metric, in enum order
                { 0.719, 0.013304134695650083, 0.6790875959130497, 0.7589124040869503 },
                { 0.6658041451036276, 0.022406645416575763, 0.5985842088539003, 0.733024081353355 },
                { 0.6328924175303925, 0.018265497807144423, 0.5780959241089593, 0.6876889109518257 },
                { 0.7785069330979085, 0.01890075897380093, 0.7218046561765057, 0.8352092100193114 },
                { 0.6488287421219892, 0.01867738210812317, 0.5927965957976197, 0.7048608884463586 },
                { 0.7909134334299741, 0.021550316123704453, 0.7262624850588607, 0.8555643818010875 } };
        for (PerformanceMetric metric : PerformanceMetric.values()) {
            double[] chunks = new double[4];
            for (int k = 0; k < 4; k++) {
                CbpeData chunk = REF.slice(500 * k, 500 * (k + 1));
                chunks[k] = RealizedPerformance.of(chunk.scores(), chunk.predicted(), chunk.labels()).get(metric);
            }
            ReferenceRange range = ReferenceRange.of(chunks);
            double[] e = expected[metric.ordinal()];
            assertThat(range.mean()).as(metric.key()).isCloseTo(e[0], within(1e-12));
            assertThat(range.std()).as(metric.key()).isCloseTo(e[1], within(1e-12));
            assertThat(range.lower()).as(metric.key()).isCloseTo(e[2], within(1e-12));
            assertThat(range.upper()).as(metric.key()).isCloseTo(e[3], within(1e-12));
        }
    }

    @Test
    void referenceRangeIgnoresNaNAndNeedsTwoValues() {
        ReferenceRange range = ReferenceRange.of(new double[] { 0.7, Double.NaN, 0.9 });
        assertThat(range.mean()).isCloseTo(0.8, within(1e-15));
        assertThat(range.std()).isCloseTo(0.1, within(1e-15));
        assertThat(range.lower()).isCloseTo(0.5, within(1e-15));
        assertThat(range.upper()).isCloseTo(1.1, within(1e-15));
        assertThat(range.outside(0.45)).isTrue();
        assertThat(range.outside(0.95)).isFalse();
        assertThat(range.outside(Double.NaN)).isFalse();
        ReferenceRange none = ReferenceRange.of(new double[] { 0.7, Double.NaN });
        assertThat(none.mean()).isNaN();
        assertThat(none.lower()).isNaN();
        assertThat(none.outside(0.1)).isFalse();
        assertThatThrownBy(() -> new ReferenceRange(0.5, 0.1, 0.9, 0.2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lower must not exceed upper, were 0.9 and 0.2");
    }
}
