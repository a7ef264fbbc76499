package io.refinery.metrics.performance.estimation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PerformanceMetricTest {

    @Test
    void keysAreNannyMlsLowerCaseNamesAndRoundTrip() {
        assertThat(Arrays.stream(PerformanceMetric.values()).map(PerformanceMetric::key))
                .containsExactly("accuracy", "precision", "recall", "specificity", "f1", "roc_auc");
        for (PerformanceMetric metric : PerformanceMetric.values()) {
            assertThat(PerformanceMetric.fromKey(metric.key())).contains(metric);
        }
        assertThat(PerformanceMetric.fromKey("ROC_AUC")).isEmpty();
        assertThat(PerformanceMetric.fromKey("auroc")).isEmpty();
        assertThat(PerformanceMetric.fromKey(null)).isEmpty();
    }
}
