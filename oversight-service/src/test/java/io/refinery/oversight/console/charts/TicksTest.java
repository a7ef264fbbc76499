package io.refinery.oversight.console.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TicksTest {

    @Test
    void ratesGetRoundStepsCoveringTheData() {
        Ticks t = Ticks.covering(0.021, 0.034, 5);
        assertThat(t.step()).isEqualTo(0.005);
        assertThat(t.values()).containsExactly(0.02, 0.025, 0.03, 0.035);
        assertThat(t.values().stream().map(t::label)).containsExactly("0.020", "0.025", "0.030", "0.035");
    }

    @Test
    void countsStartAtARoundNumber() {
        Ticks t = Ticks.covering(3, 97, 5);
        assertThat(t.values()).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0, 100.0);
        assertThat(t.label(40)).isEqualTo("40");
    }

    @Test
    void largeValuesAreLabelledInThousandsOrMillionsForTheWholeAxis() {
        Ticks thousands = Ticks.covering(0, 48_000, 5);
        assertThat(thousands.values().stream().map(thousands::label)).containsExactly("0", "10k", "20k", "30k", "40k", "50k");
        Ticks millions = Ticks.covering(0, 3_600_000, 4);
        assertThat(millions.label(2_000_000)).isEqualTo("2M");
    }

    @Test
    void aFlatSeriesStillGetsAnAxisAroundItsValue() {
        Ticks t = Ticks.covering(5, 5, 5);
        assertThat(t.min()).isLessThan(5);
        assertThat(t.max()).isGreaterThan(5);
        Ticks zero = Ticks.covering(0, 0, 5);
        assertThat(zero.min()).isLessThan(0);
        assertThat(zero.max()).isGreaterThan(0);
    }

    @Test
    void negativeValuesAndZeroReadNaturally() {
        Ticks t = Ticks.covering(-0.3, 0.2, 5);
        assertThat(t.values()).contains(0.0);
        assertThat(t.label(0.0)).isEqualTo("0.0");
        assertThat(t.label(-0.0)).isEqualTo("0.0");
        assertThat(t.label(-0.2)).isEqualTo("-0.2");
    }

    @Test
    void nonFiniteBoundsAreRefused() {
        assertThatThrownBy(() -> Ticks.covering(Double.NaN, 1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ticks.covering(0, Double.POSITIVE_INFINITY, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalsFollowTheStep() {
        assertThat(Ticks.decimalsFor(5)).isZero();
        assertThat(Ticks.decimalsFor(0.5)).isEqualTo(1);
        assertThat(Ticks.decimalsFor(0.01)).isEqualTo(2);
        assertThat(Ticks.decimalsFor(0.0002)).isEqualTo(4);
    }
}
