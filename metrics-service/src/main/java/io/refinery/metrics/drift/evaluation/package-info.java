/**
 * The rules of a drift monitor's evaluation, as plain Java with no framework in sight: which days it compares
 * ({@link io.refinery.metrics.drift.evaluation.MonitorWindows}) and when it runs next, whether a run found dataset drift
 * ({@link io.refinery.metrics.drift.evaluation.DatasetVerdict}), and how a failed evaluation is retried
 * ({@link io.refinery.metrics.drift.evaluation.EvaluationBackoff}) and described
 * ({@link io.refinery.metrics.drift.evaluation.FailureMessage}). The JDBC code around them only loads, calls and stores.
 */
package io.refinery.metrics.drift.evaluation;
