package io.refinery.metrics.alerting.evaluation;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What a period's value is compared with, before the tolerance is applied.
 *
 * <ul>
 *   <li>{@link Fixed}: a constant value.</li>
 *   <li>{@link Trailing}: a statistic over the {@code periods} sufficient-sample periods that precede the reference
 *       point (see {@link RuleEvaluator} for which point that is). Periods with too few samples or a non-finite value
 *       are never part of the window. When fewer than {@code periods} such periods exist, the window is whatever
 *       exists, as long as there is at least one; with none there is no baseline.</li>
 * </ul>
 */
public sealed interface Baseline permits Baseline.Fixed, Baseline.Trailing {

    /**
     * The baseline given the values of the sufficient-sample periods before the reference point, oldest first; empty
     * when there is no baseline.
     */
    OptionalDouble from(List<Double> precedingValues);

    /** A constant baseline; {@code value} must be finite. */
    record Fixed(double value) implements Baseline {

        public Fixed {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("baseline value must be finite, was " + value);
            }
        }

        @Override
        public OptionalDouble from(List<Double> precedingValues) {
            return OptionalDouble.of(value);
        }
    }

    /**
     * A baseline computed from the last {@code periods} (at least 1) sufficient-sample periods before the reference
     * point, e.g. P28D over daily periods is 28. Uses fewer when fewer exist, none gives no baseline.
     */
    record Trailing(int periods, BaselineStatistic statistic) implements Baseline {

        public Trailing {
            if (periods < 1) {
                throw new IllegalArgumentException("baseline periods must be at least 1, was " + periods);
            }
            if (statistic == null) {
                throw new IllegalArgumentException("baseline statistic must not be null");
            }
        }

        @Override
        public OptionalDouble from(List<Double> precedingValues) {
            if (precedingValues.isEmpty()) {
                return OptionalDouble.empty();
            }
            int size = precedingValues.size();
            List<Double> window = precedingValues.subList(Math.max(0, size - periods), size);
            return OptionalDouble.of(statistic.of(window));
        }
    }
}
