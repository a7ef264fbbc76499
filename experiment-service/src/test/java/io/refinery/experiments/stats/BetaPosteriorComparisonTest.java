package io.refinery.experiments.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Reference values from python3, mpmath 1.3.0 at mp.dps = 50, straight from the published formulas (no shortcut):
 * <pre>
 *   t = lambda i, bx, ay, by: exp(log(beta(ay+i, by+bx)) - log(bx+i) - log(beta(1+i, bx)) - log(beta(ay, by)))
 *   P = lambda ax, bx, ay, by: fsum(t(i, bx, ay, by) for i in range(ax))                    # Evan Miller
 *   E = lambda ax, bx, ay, by: ax/(ax+bx)*P(ax+1, bx, ay, by) - ay/(ay+by)*P(ax, bx, ay+1, by)  # Stucchio
 * </pre>
 * Each case makes the class pick a different one of its four equivalent forms.
 */
class BetaPosteriorComparisonTest {

    @ParameterizedTest(name = "X ~ Beta({0}, {1}), Y ~ Beta({2}, {3})")
    @CsvSource({
        // ax, bx, ay, by, P(X>Y), P(Y>X), E[(X-Y)+], E[(Y-X)+], tolerance (about 1e-16 × the largest parameter,
        // the documented accuracy, with a floor of 1e-14)
        "2001, 98001, 4, 18, 0.0007321331705704203000398, 0.9992678668294295797, "
                + "0.000003074707586328583889213, 0.1618116567177643068425, 1e-11",
        "30, 5, 700, 20, 0.003180846913171586653898, 0.9968191530868284133461, "
                + "0.00002009324259901753328658, 0.1150994583219640968984, 1e-14",
        "5, 400, 3, 100, 0.1493936113862192501565, 0.8506063886137807498435, "
                + "0.0008415106105726025050533, 0.01762204519045993320145, 1e-14",
    })
    void matchesMpmathInEveryForm(long ax, long bx, long ay, long by, double greater, double less,
            double excess, double shortfall, double tolerance) {
        assertThat(BetaPosteriorComparison.probabilityGreater(ax, bx, ay, by)).isCloseTo(greater, within(tolerance));
        assertThat(BetaPosteriorComparison.probabilityGreater(ay, by, ax, bx)).isCloseTo(less, within(tolerance));
        assertThat(BetaPosteriorComparison.expectedExcess(ax, bx, ay, by)).isCloseTo(excess, within(tolerance));
        assertThat(BetaPosteriorComparison.expectedExcess(ay, by, ax, bx)).isCloseTo(shortfall, within(tolerance));
    }

    @Test
    void uniformAgainstUniformIsAHalf() {
        assertThat(BetaPosteriorComparison.probabilityGreater(1, 1, 1, 1)).isCloseTo(0.5, within(1e-15));
        assertThat(BetaPosteriorComparison.expectedExcess(1, 1, 1, 1)).isCloseTo(1.0 / 6, within(1e-15)); // E|U−V|/2
    }

    @Test
    void complementsAndMeanDifferencesHoldForRandomParameters() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 500; i++) {
            long ax = random.nextLong(1, i % 2 == 0 ? 50 : 5_000_000);
            long bx = random.nextLong(1, i % 3 == 0 ? 50 : 5_000_000);
            long ay = random.nextLong(1, i % 5 == 0 ? 50 : 5_000_000);
            long by = random.nextLong(1, 5_000_000);
            double greater = BetaPosteriorComparison.probabilityGreater(ax, bx, ay, by);
            double less = BetaPosteriorComparison.probabilityGreater(ay, by, ax, bx);
            // E[(X−Y)+] − E[(Y−X)+] = E[X] − E[Y]
            double meanDifference = (double) ax / (ax + bx) - (double) ay / (ay + by);
            double excessGap = BetaPosteriorComparison.expectedExcess(ax, bx, ay, by)
                    - BetaPosteriorComparison.expectedExcess(ay, by, ax, bx);

            assertThat(greater + less).as("P(X>Y) + P(Y>X), case %d", i).isCloseTo(1.0, within(1e-9));
            assertThat(excessGap).as("case %d", i).isCloseTo(meanDifference, within(1e-9));
            assertThat(greater).isBetween(0.0, 1.0);
        }
    }
}
