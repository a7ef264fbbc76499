package io.refinery.platform.events;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The threshold rule behind an alert, as a reviewer reads it: "BELOW FIXED 0.03 by relative 0.1, 5 x P1D". */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertRule(UUID ruleId, String comparison, String baseline, String tolerance, String period,
        int consecutivePeriods, long minSamplesPerPeriod) {
}
