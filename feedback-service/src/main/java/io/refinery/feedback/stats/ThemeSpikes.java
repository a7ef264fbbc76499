package io.refinery.feedback.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Theme spikes: a theme whose share of one period's feedback jumps against the baseline before it. A theme spikes
 * when all of these hold:
 * <ul>
 * <li>the period has at least {@code minItems} items and the theme at least {@code minCount} of them;</li>
 * <li>the smoothed share ratio {@code ((count + 1) / (items + 1)) / ((countBefore + 1) / (itemsBefore + 1))} is at
 * least {@code minRatio}, so a theme that was absent before needs more than one mention;</li>
 * <li>the share rose significantly: two-proportion z-test ({@link ContradictionTest#twoProportion}), p &lt; alpha.</li>
 * </ul>
 * Pure computation, no framework imports.
 */
public final class ThemeSpikes {

    /** The thresholds; {@link #defaults()} are the service's defaults. */
    public record Rule(long minItems, long minCount, double minRatio, double alpha) {

        public static Rule defaults() {
            return new Rule(20, 5, 2.0, 0.01);
        }
    }

    /** One spiking theme with both periods' counts, the ratio and the test. */
    public record Spike(String theme, long count, long items, long countBefore, long itemsBefore, double ratio, double z,
            double p) {

        public double share() {
            return (double) count / items;
        }

        public double shareBefore() {
            return itemsBefore == 0 ? 0 : (double) countBefore / itemsBefore;
        }
    }

    private ThemeSpikes() {
    }

    /** Spikes among {@code countsNow} (theme → items mentioning it), strongest ratio first. */
    public static List<Spike> detect(Map<String, Long> countsNow, long items, Map<String, Long> countsBefore,
            long itemsBefore, Rule rule) {
        List<Spike> out = new ArrayList<>();
        if (items < rule.minItems()) {
            return out;
        }
        for (Map.Entry<String, Long> e : countsNow.entrySet()) {
            long count = e.getValue();
            if (count < rule.minCount()) {
                continue;
            }
            long before = countsBefore.getOrDefault(e.getKey(), 0L);
            double ratio = ((count + 1.0) / (items + 1.0)) / ((before + 1.0) / (itemsBefore + 1.0));
            ContradictionTest.Side test = ContradictionTest.twoProportion(count, items, before, itemsBefore, rule.alpha());
            if (ratio >= rule.minRatio() && test.direction() > 0) {
                out.add(new Spike(e.getKey(), count, items, before, itemsBefore, ratio, test.z(), test.p()));
            }
        }
        out.sort(Comparator.comparingDouble(Spike::ratio).reversed().thenComparing(Spike::theme));
        return out;
    }
}
