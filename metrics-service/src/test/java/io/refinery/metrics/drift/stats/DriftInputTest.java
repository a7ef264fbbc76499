package io.refinery.metrics.drift.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DriftInputTest {

    private static final double[] SOME = {1, 2, 3};
    private static final String[] LABELS = {"a", "b"};

    @Test
    void emptySamplesNameTheirField() {
        assertRefused(() -> numerical(new double[0], SOME, null), "reference", "reference must not be empty");
        assertRefused(() -> numerical(SOME, new double[0], null), "current", "current must not be empty");
        assertRefused(() -> categorical(DriftMethod.AUTO, new String[0], LABELS), "reference",
                "reference must not be empty");
        assertRefused(() -> categorical(DriftMethod.AUTO, LABELS, new String[0]), "current",
                "current must not be empty");
    }

    @Test
    void missingSamplesNameTheirField() {
        assertRefused(() -> numerical(null, SOME, null), "reference", "reference must not be null");
        assertRefused(() -> categorical(DriftMethod.AUTO, LABELS, null), "current", "current must not be null");
    }

    @Test
    void nonFiniteValuesAreRefusedWithTheirIndex() {
        assertRefused(() -> numerical(new double[] {1, Double.NaN}, SOME, null), "reference",
                "reference[1] is NaN; values must be finite numbers");
        assertRefused(() -> numerical(SOME, new double[] {Double.NEGATIVE_INFINITY}, null), "current",
                "current[0] is -Infinity; values must be finite numbers");
        assertRefused(() -> numerical(SOME, new double[] {2, 3, Double.POSITIVE_INFINITY}, null), "current",
                "current[2] is Infinity; values must be finite numbers");
    }

    @Test
    void nullCategoriesAreRefusedWithTheirIndex() {
        assertRefused(() -> categorical(DriftMethod.AUTO, new String[] {"a", null}, LABELS), "reference",
                "reference[1] is null; categories must not be null");
    }

    @Test
    void atMostAMillionValuesPerSide() {
        double[] million = new double[DriftInput.MAX_VALUES];
        double[] tooMany = new double[DriftInput.MAX_VALUES + 1];

        assertThat(numerical(million, million, null).referenceSize()).isEqualTo(1_000_000);
        assertRefused(() -> numerical(tooMany, SOME, null), "reference",
                "reference must have at most 1000000 values, had 1000001");
        assertRefused(() -> categorical(DriftMethod.AUTO, LABELS, new String[DriftInput.MAX_VALUES + 1]), "current",
                "current must have at most 1000000 values, had 1000001");
    }

    @ParameterizedTest(name = "threshold {0}")
    @ValueSource(doubles = {-0.01, Double.NaN, Double.POSITIVE_INFINITY})
    void thresholdMustBeFiniteAndNotNegative(double threshold) {
        assertRefused(() -> numerical(SOME, SOME, threshold), "threshold",
                "threshold must be a finite number >= 0, was " + threshold);
    }

    @Test
    void zeroThresholdAndNoThresholdAreFine() {
        assertThat(numerical(SOME, SOME, 0.0).threshold()).isZero();
        assertThat(numerical(SOME, SOME, null).threshold()).isNull();
    }

    @Test
    void methodIsRequired() {
        assertRefused(() -> new DriftInput.Numerical(null, SOME, SOME, null), "method", "method must not be null");
        assertRefused(() -> categorical(null, LABELS, LABELS), "method", "method must not be null");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DriftMethod.class, names = {"KS", "PSI", "WASSERSTEIN"})
    void numericalMethodsRefuseCategoricalData(DriftMethod method) {
        assertRefused(() -> categorical(method, LABELS, LABELS), "method", "method " + method
                + " needs NUMERICAL data; CATEGORICAL data supports AUTO, JENSEN_SHANNON and CHI_SQUARE");
    }

    @Test
    void typesFollowTheRecord() {
        assertThat(numerical(SOME, SOME, null).type()).isEqualTo(DataType.NUMERICAL);
        assertThat(categorical(DriftMethod.CHI_SQUARE, LABELS, LABELS).type()).isEqualTo(DataType.CATEGORICAL);
    }

    @Test
    void equalityComparesContentsAndToStringOnlySizes() {
        DriftInput one = numerical(new double[] {1, 2}, new double[] {3}, 0.1);
        DriftInput same = numerical(new double[] {1, 2}, new double[] {3}, 0.1);

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(one).isNotEqualTo(numerical(new double[] {1, 2}, new double[] {4}, 0.1));
        assertThat(categorical(DriftMethod.AUTO, LABELS, LABELS)).isEqualTo(
                categorical(DriftMethod.AUTO, new String[] {"a", "b"}, new String[] {"a", "b"}));
        assertThat(one).hasToString("Numerical[method=AUTO, reference=2 values, current=1 values, threshold=0.1]");
    }

    private static DriftInput numerical(double[] reference, double[] current, Double threshold) {
        return new DriftInput.Numerical(DriftMethod.AUTO, reference, current, threshold);
    }

    private static DriftInput categorical(DriftMethod method, String[] reference, String[] current) {
        return new DriftInput.Categorical(method, reference, current, null);
    }

    private static void assertRefused(Runnable construction, String field, String message) {
        assertThatThrownBy(construction::run)
                .isInstanceOfSatisfying(DriftInputException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessage(message);
    }
}
