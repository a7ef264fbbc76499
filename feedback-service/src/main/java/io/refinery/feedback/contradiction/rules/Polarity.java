package io.refinery.feedback.contradiction.rules;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which way is good news for a key metric. The contradiction test reads every metric as "up is better", so a
 * lower-is-better metric is tested on its negated values and its result is turned back for the reader. Pure.
 */
public enum Polarity {
    HIGHER_IS_BETTER, LOWER_IS_BETTER;

    /**
     * The polarity of {@code metric} (case-insensitive) from the configured key metrics, or null for a metric that is
     * not a key metric (it is stored but not tested).
     */
    public static Polarity of(String metric, Collection<String> higherIsBetter, Collection<String> lowerIsBetter) {
        String m = metric.toLowerCase(Locale.ROOT);
        if (higherIsBetter.contains(m)) {
            return HIGHER_IS_BETTER;
        }
        return lowerIsBetter.contains(m) ? LOWER_IS_BETTER : null;
    }

    /** The values as the test reads them: as they are, or negated for a lower-is-better metric. */
    public List<Double> oriented(List<Double> values) {
        return this == LOWER_IS_BETTER ? values.stream().map(v -> -v).toList() : values;
    }

    /** A z statistic of the oriented values turned back to the metric's own scale. */
    public double actualZ(double orientedZ) {
        return this == HIGHER_IS_BETTER ? orientedZ : -orientedZ;
    }

    /** "UP" or "DOWN": where the metric itself went, given the sign of the oriented trend (&gt; 0 means better). */
    public String actualDirection(int orientedDirection) {
        return orientedDirection > 0 == (this == HIGHER_IS_BETTER) ? "UP" : "DOWN";
    }
}
