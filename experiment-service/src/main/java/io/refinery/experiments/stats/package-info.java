/**
 * The statistics engine of experiment-service: pure Java, no framework, no I/O, no state between calls.
 *
 * <p>Shaped like GrowthBook's gbstats: frozen sufficient statistics that pool with {@code plus}
 * ({@link io.refinery.experiments.stats.ProportionStatistic},
 * {@link io.refinery.experiments.stats.SampleMeanStatistic},
 * {@link io.refinery.experiments.stats.RegressionAdjustedStatistic}), typed requests, one small class per test, and
 * typed results. Every analysis touches only sufficient statistics, so its cost does not grow with the number of
 * units.
 *
 * <p>Entry points, one per API operation:
 * <ul>
 *   <li>{@link io.refinery.experiments.stats.ExperimentComparison#compare}: treatment against control, frequentist
 *       or Bayesian, binomial or continuous; {@code compareTreatments} for several treatments with Holm or
 *       Benjamini–Hochberg adjustment; {@code compareWithCuped} with CUPED variance reduction;</li>
 *   <li>{@link io.refinery.experiments.stats.SampleRatioMismatchCheck#check}: is the traffic split broken;</li>
 *   <li>{@link io.refinery.experiments.stats.SampleSizeCalculator#unitsPerVariant} and
 *       {@link io.refinery.experiments.stats.ExperimentDuration#requiredDays}: planning;</li>
 *   <li>{@link io.refinery.experiments.stats.MixtureSequentialProbabilityRatioTest#test}: always-valid monitoring;</li>
 *   <li>{@link io.refinery.experiments.stats.PValueAdjustment#adjust}: adjusting p-values on their own.</li>
 * </ul>
 *
 * <p>Two kinds of bad input are told apart:
 * <ul>
 *   <li>invalid input (negative units, conversions above units, alpha outside (0, 1), weights not positive) throws
 *       {@link io.refinery.experiments.stats.InvalidStatisticsInputException}, which names the offending field
 *       (e.g. {@code control.conversions}) for a 400 response;</li>
 *   <li>valid but degenerate data (no units, zero variance, no conversions at all) never throws and never yields NaN:
 *       the result carries an {@link io.refinery.experiments.stats.AnalysisStatus} and null statistics.</li>
 * </ul>
 */
package io.refinery.experiments.stats;
