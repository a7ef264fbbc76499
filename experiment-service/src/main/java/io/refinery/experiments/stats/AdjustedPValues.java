package io.refinery.experiments.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Raw and adjusted p-values, in the order they were given. A null raw p-value (a degenerate comparison) stays null
 * and does not count among the hypotheses.
 *
 * @param correction how {@code adjusted} was obtained
 * @param raw the p-values as given
 * @param adjusted the adjusted p-values, each in [raw, 1]; reject hypothesis i at level alpha when adjusted[i] &lt;
 *     alpha
 */
public record AdjustedPValues(MultipleTestingCorrection correction, List<Double> raw, List<Double> adjusted) {

    public AdjustedPValues {
        raw = Collections.unmodifiableList(new ArrayList<>(raw)); // may hold nulls
        adjusted = Collections.unmodifiableList(new ArrayList<>(adjusted));
    }
}
