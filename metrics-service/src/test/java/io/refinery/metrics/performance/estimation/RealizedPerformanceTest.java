package io.refinery.metrics.performance.estimation;

import static io.refinery.metrics.performance.estimation.PerformanceMetric.ACCURACY;
import static io.refinery.metrics.performance.estimation.PerformanceMetric.F1;
import static io.refinery.metrics.performance.estimation.PerformanceMetric.PRECISION;
import static io.refinery.metrics.performance.estimation.PerformanceMetric.RECALL;
import static io.refinery.metrics.performance.estimation.PerformanceMetric.ROC_AUC;
import static io.refinery.metrics.performance.estimation.PerformanceMetric.SPECIFICITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Reference values: {@code reference/performance/cbpe-reference.py}, scikit-learn 1.2.1 {@code accuracy_score},
 * {@code precision_score}, {@code recall_score}, {@code recall_score(pos_label=0)}, {@code f1_score} and {@code
 * roc_auc_score} (on the raw scores, which tie on purpose).
 */
class RealizedPerformanceTest {

    static void assertMetrics(Map<PerformanceMetric, Double> actual, double... expected) {
        PerformanceMetric[] order = { ACCURACY, PRECISION, RECALL, SPECIFICITY, F1, ROC_AUC };
        assertThat(actual).hasSize(6);
        for (int i = 0; i < order.length; i++) {
            assertThat(actual.get(order[i])).as(order[i].key()).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void matchesScikitLearnOnBothPeriods() {
        CbpeData a = CbpeData.ANALYSIS;
        assertMetrics(RealizedPerformance.of(a.scores(), a.predicted(), a.labels()), 0.7316666666666667,
                0.754950495049505, 0.8310626702997275, 0.575107296137339, 0.7911802853437094, 0.8090947363497094);
        CbpeData r = CbpeData.REFERENCE;
        assertMetrics(RealizedPerformance.of(r.scores(), r.predicted(), r.labels()), 0.719, 0.6658130601792573,
                0.633373934226553, 0.7786259541984732, 0.6491885143570537, 0.7920521427043915);
    }

    @Test
    void rocAucCountsTiesHalf() {
        // positives 0.4, 0.7; negatives 0.4, 0.1: pairs won 1 + 0.5 + 1 + 1 of 4
        assertThat(RealizedPerformance.rocAuc(new double[] { 0.4, 0.7, 0.4, 0.1 },
                new boolean[] { true, true, false, false })).isEqualTo(0.875);
    }

    @Test
    void undefinedMetricsAreNaN() {
        Map<PerformanceMetric, Double> oneClass = RealizedPerformance.of(new double[] { 0.2, 0.7 },
                new boolean[] { false, true }, new boolean[] { true, true });
        assertThat(oneClass.get(ROC_AUC)).isNaN();
        assertThat(oneClass.get(SPECIFICITY)).isNaN();
        assertThat(oneClass.get(ACCURACY)).isEqualTo(0.5);
        assertThat(RealizedPerformance.of(new double[0], new boolean[0], new boolean[0]).values())
                .allMatch(v -> v.isNaN());
        assertThatThrownBy(() -> RealizedPerformance.of(new double[] { 0.2 }, new boolean[1], new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("labels has 2 rows but scores has 1");
    }
}
