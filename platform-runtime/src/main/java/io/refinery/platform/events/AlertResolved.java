package io.refinery.platform.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Data of {@value #TYPE}: a firing alert's metric came back within its threshold in {@code resolvingPeriod}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertResolved(UUID alertId, String systemKey, String metric, String segment, String severity,
        UUID ruleId, JudgedPeriod resolvingPeriod, Instant resolvedAt) implements AlertEvent {

    public static final String TYPE = "io.refinery.metrics.alert.resolved.v1";
}
