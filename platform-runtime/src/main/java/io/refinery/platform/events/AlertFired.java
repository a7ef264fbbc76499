package io.refinery.platform.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@value #TYPE}: a threshold rule breached for its number of consecutive periods. Written by
 * metrics-service; read by oversight-service (incidents) and experiment-service (rollout signals).
 *
 * @param breachingPeriods the periods that made it fire, oldest first
 * @param skippedPeriods   periods passed over on the way (too few samples), so a reviewer sees the gaps
 * @param note             what a reviewer should know, e.g. that the baseline was short of history
 * @param valueSource      OBSERVED (metric observations); for a rule on estimated performance ESTIMATED when a
 *                         breaching day's value was a CBPE estimate made before its labels arrived, REALIZED when all
 *                         were realized. Events written before this field existed read as OBSERVED.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertFired(UUID alertId, String systemKey, String metric, String segment, String severity,
        AlertRule rule, int consecutiveBreaches, List<JudgedPeriod> breachingPeriods,
        List<JudgedPeriod> skippedPeriods, String note, Instant firedAt, UUID oversightRequestId, String valueSource)
        implements AlertEvent {

    public static final String TYPE = "io.refinery.metrics.alert.fired.v1";
}
