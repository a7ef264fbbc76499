package io.refinery.experiments.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Adjusted p-values for m simultaneous hypotheses. With p₍₁₎ ≤ … ≤ p₍ₘ₎ the sorted p-values:
 * <pre>
 *     Holm (1979):                 p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1) · p₍ⱼ₎)
 *     Benjamini–Hochberg (1995):   p̃₍ᵢ₎ = min(1, min_{j ≥ i} m · p₍ⱼ₎ / j)
 * </pre>
 * (Holm, <i>Scand. J. Statist.</i> 6:65–70; Benjamini &amp; Hochberg, <i>J. R. Statist. Soc. B</i> 57:289–300.)
 * Rejecting every hypothesis whose adjusted p-value is below alpha is exactly the step-down (Holm) or step-up (BH)
 * procedure at level alpha. BH matches {@code scipy.stats.false_discovery_control(ps, method='bh')}.
 */
public final class PValueAdjustment {

    private PValueAdjustment() {
    }

    /**
     * Adjusts {@code pValues}; null entries (comparisons that could not be made) stay null and are not counted in m.
     *
     * @throws InvalidStatisticsInputException naming {@code pValues[i]} for a value outside [0, 1]
     */
    public static AdjustedPValues adjust(List<Double> pValues, MultipleTestingCorrection correction) {
        Inputs.requireNonNull(pValues, "pValues");
        Inputs.requireNonNull(correction, "correction");
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < pValues.size(); i++) {
            Double p = pValues.get(i);
            if (p != null) {
                if (!(p >= 0 && p <= 1)) {
                    throw new InvalidStatisticsInputException("pValues[" + i + "]", "must be in [0, 1], was " + p);
                }
                present.add(i);
            }
        }
        Double[] adjusted = new Double[pValues.size()];
        Integer[] order = present.toArray(new Integer[0]);
        Arrays.sort(order, Comparator.comparingDouble(pValues::get));
        int m = order.length;
        switch (correction) {
            case NONE -> {
                for (int index : order) {
                    adjusted[index] = pValues.get(index);
                }
            }
            case HOLM -> {
                double running = 0;
                for (int rank = 1; rank <= m; rank++) {
                    int index = order[rank - 1];
                    running = Math.max(running, Math.min(1, (m - rank + 1) * pValues.get(index)));
                    adjusted[index] = running;
                }
            }
            case BENJAMINI_HOCHBERG -> {
                double running = 1;
                for (int rank = m; rank >= 1; rank--) {
                    int index = order[rank - 1];
                    running = Math.min(running, m * pValues.get(index) / rank);
                    adjusted[index] = running;
                }
            }
            default -> throw new IllegalStateException("unknown correction " + correction);
        }
        return new AdjustedPValues(correction, pValues, Arrays.asList(adjusted));
    }
}
