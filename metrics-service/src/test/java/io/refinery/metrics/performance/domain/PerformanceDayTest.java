package io.refinery.metrics.performance.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.refinery.metrics.performance.estimation.PerformanceMetric;

class PerformanceDayTest {

    private static final LocalDate DAY = LocalDate.parse("2026-12-01");

    private static PerformanceDay day(long predictions, long labelled, Double estimated, Double error, Double realized) {
        return new PerformanceDay(DAY, PerformanceMetric.ACCURACY, predictions, labelled, estimated, error, realized, 0.95);
    }

    @Test
    void beforeTheLabelsTheEstimateStandsWithItsBand() {
        PerformanceDay d = day(400, 0, 0.61, 0.02, null);
        assertThat(d.source()).isEqualTo(PerformanceDay.Source.ESTIMATED);
        assertThat(d.value()).isEqualTo(0.61);
        assertThat(d.gap()).isNull();
        assertThat(d.lower()).isCloseTo(0.55, within(1e-12));
        assertThat(d.upper()).isCloseTo(0.67, within(1e-12));
    }

    @Test
    void aPartlyLabelledDayKeepsItsEstimateAndShowsTheRealizedValueSoFar() {
        PerformanceDay d = day(400, 379, 0.61, 0.02, 0.64);
        assertThat(d.labelledShare()).isEqualTo(379 / 400.0);
        assertThat(d.source()).isEqualTo(PerformanceDay.Source.ESTIMATED);
        assertThat(d.value()).isEqualTo(0.61);
        assertThat(d.realized()).isEqualTo(0.64);
        assertThat(d.gap()).isNull();
    }

    @Test
    void onceTheLabelledShareIsReachedTheRealizedValueReplacesTheEstimateAndTheGapIsKept() {
        PerformanceDay d = day(400, 380, 0.61, 0.02, 0.64);
        assertThat(d.source()).isEqualTo(PerformanceDay.Source.REALIZED);
        assertThat(d.value()).isEqualTo(0.64);
        assertThat(d.gap()).isCloseTo(0.03, within(1e-12));
    }

    @Test
    void anUndefinedEstimateHasNoBandAndADayWithoutPredictionsNoShare() {
        PerformanceDay d = day(0, 0, null, null, null);
        assertThat(d.labelledShare()).isZero();
        assertThat(d.value()).isNull();
        assertThat(d.lower()).isNull();
        assertThat(d.upper()).isNull();
    }
}
