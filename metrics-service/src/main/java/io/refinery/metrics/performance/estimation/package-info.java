/**
 * Performance estimation without labels: confidence-based performance estimation (CBPE), as NannyML documents it,
 * for binary classifiers, as plain Java with no framework in sight.
 *
 * <p>On a labelled reference period: {@link io.refinery.metrics.performance.estimation.Calibrations#fit} turns the
 * model's raw scores into probabilities ({@link io.refinery.metrics.performance.estimation.IsotonicCalibration},
 * {@link io.refinery.metrics.performance.estimation.PlattCalibration}, or none), and
 * {@link io.refinery.metrics.performance.estimation.CalibrationCheck} says, on held-out folds, whether that helps
 * (expected calibration error and Brier score before and after, and the reliability diagram);
 * {@link io.refinery.metrics.performance.estimation.SamplingErrors} measures each metric's sampling error components,
 * and {@link io.refinery.metrics.performance.estimation.ReferenceRange} the range its realized value keeps across
 * reference chunks. A calibration's record components are the whole model, so a service can store it as numbers.
 *
 * <p>On an unlabelled period: {@link io.refinery.metrics.performance.estimation.ConfidenceBasedEstimator} estimates
 * every {@link io.refinery.metrics.performance.estimation.PerformanceMetric} from the calibrated probabilities and
 * the predictions, via the expected confusion matrix
 * ({@link io.refinery.metrics.performance.estimation.ConfusionExpectation}); a
 * {@link io.refinery.metrics.performance.estimation.SamplingErrorComponent} gives the estimate's standard error for
 * the period's size. Once labels arrive, {@link io.refinery.metrics.performance.estimation.RealizedPerformance} gives
 * the figures the estimates stood in for.
 *
 * <p>Inputs are parallel arrays: {@code double[] scores} (the model's confidence that the row is positive, in [0, 1]),
 * {@code boolean[] predicted} and {@code boolean[] labels}. Invalid input is an {@link IllegalArgumentException}
 * saying what was wrong; an undefined metric is NaN. Each class states its exact definition and the scikit-learn,
 * numpy or NannyML expression it matches; the tests hold reference values from {@code
 * src/test/resources/reference/performance/cbpe-reference.py}, committed with its data.
 *
 * <p>Everything here is pure: no clock, no I/O, no randomness; only the JDK.
 */
package io.refinery.metrics.performance.estimation;
