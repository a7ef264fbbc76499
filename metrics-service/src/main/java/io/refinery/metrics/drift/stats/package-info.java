/**
 * Drift statistics, as plain Java with no framework in sight.
 *
 * <p>Data drift: {@link io.refinery.metrics.drift.stats.DriftComparator} compares a current sample of one feature
 * with a reference sample, given as a {@link io.refinery.metrics.drift.stats.DriftInput}, by one of the
 * {@link io.refinery.metrics.drift.stats.DriftMethod}s (KS, PSI, Wasserstein, Jensen–Shannon, chi-square, or AUTO to
 * pick one), and returns a {@link io.refinery.metrics.drift.stats.DriftResult}. Each method's class states its exact
 * definition and the scipy/numpy expression it matches; the tests hold reference values from those tools.
 *
 * <p>Concept drift: {@link io.refinery.metrics.drift.stats.PageHinkley} and
 * {@link io.refinery.metrics.drift.stats.Adwin} ({@link io.refinery.metrics.drift.stats.ConceptDriftDetector}s) watch
 * a stream of prediction errors, one value per outcome, and report when the error rises. Their whole state is a
 * record, so a service can persist it between updates and restore the detector from it.
 *
 * <p>Everything here is pure: no clock, no I/O, no randomness. Distributions and special functions come from
 * Hipparchus.
 */
package io.refinery.metrics.drift.stats;
