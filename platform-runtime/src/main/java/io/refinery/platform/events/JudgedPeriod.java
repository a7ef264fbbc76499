package io.refinery.platform.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One period of a metric as a threshold rule judged it: its value and samples, the baseline and the threshold it was
 * compared with (null when the period was skipped), and the verdict ({@code BREACH}, {@code WITHIN},
 * {@code INSUFFICIENT_DATA}, ...).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record JudgedPeriod(Instant start, double value, long samples, Double baseline, Double threshold,
        String verdict) {
}
