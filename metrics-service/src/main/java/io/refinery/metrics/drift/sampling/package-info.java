/**
 * Bounded storage of feature values for drift monitors, as plain Java with no framework in sight.
 *
 * <p>Numerical values of one feature on one day are kept as a {@link io.refinery.metrics.drift.sampling.BottomKSample}:
 * the {@code k} values whose {@link io.refinery.metrics.drift.sampling.SampleHash} priorities are the smallest, a
 * uniform random sample of the day that does not depend on arrival order and takes the same value again without
 * change. Categorical values are counted exactly ({@link io.refinery.metrics.drift.sampling.CategoryTally}, with a cap
 * on distinct labels). {@link io.refinery.metrics.drift.sampling.WindowSample} turns the days of a window into the
 * arrays {@code io.refinery.metrics.drift.stats.DriftComparator} compares.
 *
 * <p>Error: a uniform sample of {@code n} values estimates the window's distribution function within
 * {@code sqrt(ln(2 / alpha) / (2 n))} everywhere with probability {@code 1 - alpha} (Dvoretzky–Kiefer–Wolfowitz), so a
 * KS distance computed on a 10,000-value sample is off by at most about 0.0136 at 95 %; windows of several days hold
 * proportionally more values and err less.
 */
package io.refinery.metrics.drift.sampling;
