package io.refinery.metrics.alerting.domain;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.metrics.alerting.evaluation.PeriodVerdict;

/**
 * Why an alert is in its state: the breaching periods with their values and baselines, the periods inside the
 * streak that were skipped (too few samples, no baseline) and a sentence saying so.
 */
@RegisterForReflection
public record AlertEvidence(List<PeriodVerdict> breachingPeriods, List<PeriodVerdict> skippedPeriods, String note) {
}
