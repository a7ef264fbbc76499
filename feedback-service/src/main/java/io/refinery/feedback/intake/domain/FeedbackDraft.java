package io.refinery.feedback.intake.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.refinery.feedback.intake.submission.Channel;
import io.refinery.feedback.intake.submission.Debrief;

/**
 * A feedback item as received, before analysis. {@code id} is its key, {@code clientId} the id the client sent when
 * that was not a UUID (null when it was: then it is {@code id}), see {@link FeedbackIds}. Holds raw text: it lives
 * only in memory, is never logged ({@link #toString()} hides the text) and is redacted before anything is stored or published.
 */
public record FeedbackDraft(UUID id, String clientId, String systemKey, Channel channel, String segment, String text, Double rating,
        String locale, Instant occurredAt, Map<String, String> source, Debrief debrief) {

    @Override
    public String toString() {
        return "FeedbackDraft[id=" + id + ", systemKey=" + systemKey + ", channel=" + channel + "]";
    }
}
