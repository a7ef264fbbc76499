package io.refinery.metrics.drift.sampling;

/**
 * The sampling priority of one feature value: a 64-bit hash of the system, the sample id and the feature name, made
 * non-negative. Priorities of distinct samples behave as independent uniform draws, so keeping the smallest ones keeps
 * a uniform random sample; the same sample always gets the same priority, so a replay changes nothing.
 *
 * <p>FNV-1a over the UTF-16 code units of the three strings (each followed by a separator), then the SplitMix64
 * finalizer to spread FNV's weak low bits. Stable across JVMs and releases: stored samples depend on it.
 */
public final class SampleHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private SampleHash() {
    }

    /** The priority of feature {@code feature} of sample {@code sampleId} of system {@code systemKey}; at least 0. */
    public static long priority(String systemKey, String sampleId, String feature) {
        long h = FNV_OFFSET;
        h = absorb(h, systemKey);
        h = absorb(h, sampleId);
        h = absorb(h, feature);
        return finish(h) >>> 1;
    }

    /**
     * The row priority of sample {@code sampleId}: the same for all of its features (the empty feature name, which no
     * feature has), so row-aligned samples of different features keep the same samples.
     */
    public static long rowPriority(String systemKey, String sampleId) {
        return priority(systemKey, sampleId, "");
    }

    private static long absorb(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xff)) * FNV_PRIME;
            h = (h ^ (c >>> 8)) * FNV_PRIME;
        }
        return (h ^ 0xff) * FNV_PRIME; // separator: ("ab", "c") and ("a", "bc") differ
    }

    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
