package io.refinery.feedback.intake.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.refinery.feedback.intake.submission.Channel;

/** A feedback item after redaction and analysis: the only form that is stored. */
public record AnalysedItem(UUID id, String clientId, String systemKey, Channel channel, String segment, String text, Double rating,
        String locale, Instant occurredAt, String sourceJson, String debriefJson, double sentiment,
        String sentimentLabel, List<String> themes) {
}
