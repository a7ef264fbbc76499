package io.refinery.metrics.drift.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Reference values: {@code reference/domain-classifier-reference.py} (statsmodels 0.13.5 {@code Logit}, Newton,
 * tol 1e-14, no penalty; scipy 1.10.1 {@code mannwhitneyu} U / (n₁n₀)), on the reconstruction test's reference and its
 * "broken" period with x4 moved by 0.4 reference standard deviations ({@code reconstruction-shifted.csv}).
 */
class DomainClassifierDriftTest {

    private static final List<String> FEATURES = List.of("x1", "x2", "x3", "x4");

    @Test
    void outOfFoldAurocCoefficientsAndOneFeatureAurocsMatchStatsmodelsAndScipy() {
        DomainClassifierDrift.Result r = DomainClassifierDrift.compute(FEATURES,
                ReconstructionDriftTest.rows("reconstruction-reference.csv"),
                ReconstructionDriftTest.rows("reconstruction-shifted.csv"), 5, 0, 0.55);
        assertThat(r.auroc()).isCloseTo(0.5740583333333333, within(1e-12));
        assertThat(r.drifted()).isTrue();
        double[] coef = { 0.602152181328996, -0.3142418735650508, 0.258925074609208, 0.3278681473559805 };
        double[] alone = { 0.5308625, 0.5270833333333333, 0.509075, 0.5848625 };
        double total = 0;
        for (double c : coef) {
            total += Math.abs(c);
        }
        for (int j = 0; j < 4; j++) {
            assertThat(r.features().get(j).coefficient()).isCloseTo(coef[j], within(1e-9));
            assertThat(r.features().get(j).share()).isCloseTo(Math.abs(coef[j]) / total, within(1e-9));
            assertThat(r.features().get(j).auroc()).isCloseTo(alone[j], within(1e-12));
        }
    }

    @Test
    void theRidgeKeepsCompletelySeparatedSetsFiniteAndTheirAurocIsOne() {
        double[][] reference = new double[40][];
        double[][] current = new double[40][];
        for (int i = 0; i < 40; i++) {
            reference[i] = new double[] { i % 7, i % 5 };
            current[i] = new double[] { 100 + i % 7, i % 5 };
        }
        DomainClassifierDrift.Result r = DomainClassifierDrift.compute(List.of("a", "b"), reference, current, 5,
                DomainClassifierDrift.DEFAULT_RIDGE, DomainClassifierDrift.DEFAULT_THRESHOLD);
        assertThat(r.auroc()).isEqualTo(1.0);
        assertThat(r.features().get(0).coefficient()).isFinite().isPositive();
        assertThat(r.features().get(0).share()).isGreaterThan(0.99);
        assertThat(r.drifted()).isTrue();
        assertThatThrownBy(() -> DomainClassifierDrift.compute(List.of("a", "b"), reference, current, 1, 0, 0.6))
                .isInstanceOf(DriftInputException.class).extracting("field").isEqualTo("folds");
        assertThatThrownBy(() -> DomainClassifierDrift.compute(List.of("a", "b"), reference, current, 5, 0, 0.4))
                .isInstanceOf(DriftInputException.class).extracting("field").isEqualTo("threshold");
    }
}
