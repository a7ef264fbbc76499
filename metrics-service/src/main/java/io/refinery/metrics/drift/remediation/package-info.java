/**
 * What to do about a drift: {@link io.refinery.metrics.drift.remediation.RemediationRule} turns
 * {@link io.refinery.metrics.drift.remediation.DriftEvidence} (the kind of drift, per-feature results, the retrain
 * history) into a {@link io.refinery.metrics.drift.remediation.Recommendation}: one
 * {@link io.refinery.metrics.drift.remediation.RemediationAction} with the reasons for it. Pure, like
 * {@code io.refinery.metrics.drift.stats}, which produces the evidence.
 */
package io.refinery.metrics.drift.remediation;
