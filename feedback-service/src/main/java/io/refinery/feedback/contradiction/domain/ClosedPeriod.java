package io.refinery.feedback.contradiction.domain;

import java.time.Instant;

/**
 * One closed period of one metric of one system, as the contradiction check takes it: the metric side's input,
 * whatever channel it came in on (today metrics-service's rollups on Kafka).
 */
public record ClosedPeriod(String systemKey, String metric, String period, Instant start, Instant end, double value,
        long samples) {
}
