package io.refinery.feedback.intake.domain;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.refinery.feedback.intake.submission.Submission;
import io.refinery.feedback.intake.submission.SubmissionRules;
import io.refinery.feedback.json.PlainJson;
import io.refinery.platform.ids.ClientId;
import io.refinery.platform.problem.FieldIssue;

/**
 * Reads one feedback submission for both doors, the HTTP resource and the Kafka consumer: the parsed JSON becomes
 * plain values ({@link PlainJson}), {@link SubmissionRules} checks them with the platform's client-id rule, and a
 * valid submission becomes a {@link FeedbackDraft} keyed by {@link FeedbackIds}. Error messages never quote the text.
 */
public final class FeedbackReader {

    private static final SubmissionRules RULES = new SubmissionRules(ClientId::isValid, ClientId.MESSAGE);

    /** The item, or the reasons it was refused. */
    public record Parsed(FeedbackDraft draft, List<FieldIssue> issues) {
        public boolean ok() {
            return draft != null;
        }
    }

    private FeedbackReader() {
    }

    /** One feedback item (a JSON object; null or anything else is refused on {@code item}). */
    public static Parsed read(JsonNode node, Instant now) {
        return parsed(RULES.item(PlainJson.of(node), now));
    }

    /** A support agent's debrief (a JSON object; null or anything else is refused on {@code body}). */
    public static Parsed readDebrief(JsonNode node, Instant now) {
        return parsed(RULES.debrief(PlainJson.of(node), now));
    }

    private static Parsed parsed(Submission.Checked checked) {
        if (!checked.ok()) {
            return new Parsed(null, checked.issues().stream().map(i -> new FieldIssue(i.field(), i.message())).toList());
        }
        Submission s = checked.submission();
        return new Parsed(new FeedbackDraft(FeedbackIds.item(s.clientId()), ClientId.originalUnlessUuid(s.clientId()),
                s.systemKey(), s.channel(), s.segment(), s.text(), s.rating(), s.locale(), s.occurredAt(), s.source(),
                s.debrief()), List.of());
    }
}
