/**
 * Threshold rules over closed metric periods, as plain Java with no framework in sight.
 *
 * <p>A {@link io.refinery.metrics.alerting.evaluation.RuleSpec} says when a period breaches (a value below or above a fixed or
 * trailing baseline, give or take a tolerance) and how many consecutive breaching periods make the rule fire.
 * {@link io.refinery.metrics.alerting.evaluation.RuleEvaluator} judges a chronological list of periods against a rule, and
 * {@link io.refinery.metrics.alerting.evaluation.AlertTransitions} says what the alert lifecycle must do with the result.
 * Everything here is pure: no clock, no I/O, no state between calls.
 */
package io.refinery.metrics.alerting.evaluation;
