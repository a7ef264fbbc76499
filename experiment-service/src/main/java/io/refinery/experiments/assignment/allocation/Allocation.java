package io.refinery.experiments.assignment.allocation;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Deterministic assignment of units to the variants of one experiment.
 *
 * <p>The unit is hashed with {@link MurmurHash3} (x64, 128 bits, seed 0) over the UTF-8 bytes of
 * {@code experimentKey + ":" + unitId}. Each 64-bit half becomes a uniform number in [0, 1) from its top 53 bits,
 * {@code (h >>> 11) · 2⁻⁵³}:
 * <ol>
 *   <li>u₁ (from h1) decides enrolment: the unit is in the experiment iff u₁ &lt; trafficFraction;</li>
 *   <li>u₂ (from h2) picks the variant: the first whose cumulative weight exceeds u₂, in declaration order.</li>
 * </ol>
 * Consequences: the same unit always gets the same variant while the experiment's key, variants and weights stay
 * the same; raising the traffic fraction only adds units (those already in keep their variant, since u₂ does not
 * depend on the fraction); and because the experiment key is part of the hashed bytes, assignments in two
 * experiments are independent, so overlapping experiments do not bias each other. Pure and thread-safe.
 */
public final class Allocation {

    private static final double UNIT = 0x1.0p-53;

    private final String experimentKey;
    private final byte[] prefix;
    private final double trafficFraction;
    private final String[] variants;
    private final double[] cumulative;

    /**
     * @param experimentKey the experiment's key
     * @param trafficFraction share of units enrolled, in (0, 1]
     * @param variants variant keys in declaration order
     * @param weights their weights, positive (normalised here, so they need not sum to exactly 1)
     */
    public Allocation(String experimentKey, double trafficFraction, List<String> variants, List<Double> weights) {
        if (variants.isEmpty() || variants.size() != weights.size()) {
            throw new IllegalArgumentException("one weight per variant, at least one variant");
        }
        this.experimentKey = experimentKey;
        this.prefix = (experimentKey + ":").getBytes(StandardCharsets.UTF_8);
        this.trafficFraction = trafficFraction;
        this.variants = variants.toArray(new String[0]);
        this.cumulative = new double[weights.size()];
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double running = 0;
        for (int i = 0; i < cumulative.length; i++) {
            running += weights.get(i);
            cumulative[i] = running / total;
        }
        cumulative[cumulative.length - 1] = 1.0; // rounding must never leave a gap at the top
    }

    public String experimentKey() {
        return experimentKey;
    }

    /** The variant of {@code unitId}, or null when the unit is outside the experiment's traffic. */
    public String assign(String unitId) {
        byte[] unit = unitId.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[prefix.length + unit.length];
        System.arraycopy(prefix, 0, input, 0, prefix.length);
        System.arraycopy(unit, 0, input, prefix.length, unit.length);
        long[] hash = MurmurHash3.hash128(input, input.length);
        if (uniform(hash[0]) >= trafficFraction) {
            return null;
        }
        double u = uniform(hash[1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return variants[i];
            }
        }
        return variants[variants.length - 1];
    }

    /** The top 53 bits of {@code h} as a double in [0, 1). */
    static double uniform(long h) {
        return (h >>> 11) * UNIT;
    }
}
