package io.refinery.feedback.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ContradictionTestTest {

    private static final List<Double> CTR_RISING = List.of(0.030, 0.031, 0.033, 0.034, 0.036, 0.038, 0.040);

    @Test
    void normalCdfMatchesReferenceValues() {
        assertThat(ContradictionTest.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(ContradictionTest.normalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(ContradictionTest.normalCdf(-1)).isCloseTo(0.158655, within(1e-6));
    }

    @Test
    void twoProportionMatchesAHandComputation() {
        // 60/200 vs 30/200: pooled 0.225, se = sqrt(0.225*0.775*0.01) = 0.041758, z = 0.15/0.041758 = 3.5921
        ContradictionTest.Side s = ContradictionTest.twoProportion(60, 200, 30, 200, 0.05);
        assertThat(s.z()).isCloseTo(3.5921, within(1e-3));
        assertThat(s.p()).isCloseTo(0.000328, within(2e-5));
        assertThat(s.direction()).isEqualTo(1);
    }

    @Test
    void mannKendallSeesAMonotoneTrendAndNotNoise() {
        // n = 7 strictly increasing: S = 21, var = 7*6*19/18 = 44.333, z = 20/6.6583 = 3.0037
        ContradictionTest.Side up = ContradictionTest.mannKendall(CTR_RISING, 0.05);
        assertThat(up.z()).isCloseTo(3.0037, within(1e-3));
        assertThat(up.direction()).isEqualTo(1);
        assertThat(ContradictionTest.mannKendall(List.of(0.03, 0.031, 0.029, 0.032, 0.030, 0.031), 0.05).direction()).isZero();
        assertThat(ContradictionTest.mannKendall(List.of(1.0, 2.0, 3.0), 0.05).direction()).isZero();
    }

    @Test
    void firesWhenCtrRisesWhileSentimentFalls() {
        ContradictionTest.Finding f = ContradictionTest.detect(CTR_RISING, 60, 200, 30, 200, 30, 0.05);
        assertThat(f).isNotNull();
        assertThat(f.kind()).isEqualTo(ContradictionTest.Kind.METRIC_UP_SENTIMENT_DOWN);
        assertThat(f.shareNegativeNow()).isEqualTo(0.3);
    }

    @Test
    void doesNotFireOnLowVolumeOrWhenBothAgree() {
        assertThat(ContradictionTest.detect(CTR_RISING, 4, 5, 1, 5, 30, 0.05)).isNull();
        assertThat(ContradictionTest.detect(CTR_RISING, 30, 200, 60, 200, 30, 0.05)).isNull();
        assertThat(ContradictionTest.detect(List.of(0.03, 0.031, 0.029, 0.032, 0.030), 60, 200, 30, 200, 30, 0.05)).isNull();
    }
}
