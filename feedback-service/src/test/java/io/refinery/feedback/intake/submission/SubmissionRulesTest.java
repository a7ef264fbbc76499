package io.refinery.feedback.intake.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The submission rules on plain values, as both the HTTP resource and the Kafka consumer hand them over. */
class SubmissionRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    /** A stand-in for the platform's client-id rule: the rules take whatever rule they are given. */
    private static final SubmissionRules RULES = new SubmissionRules(id -> id.matches("[A-Za-z0-9._:-]{1,128}"),
            "must be a client id");

    private static Map<String, Object> item() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", "shop:order-123.review_1");
        item.put("systemKey", "support-bot");
        item.put("channel", "survey");
        item.put("text", "The bot kept sending me to the FAQ");
        item.put("occurredAt", "2026-11-24T10:00:00Z");
        return item;
    }

    private static Map<String, Object> debrief() {
        Map<String, Object> debrief = new LinkedHashMap<>();
        debrief.put("id", "desk:ticket-8812.debrief");
        debrief.put("systemKey", "support-bot");
        debrief.put("agentId", "agent-7");
        debrief.put("aiAction", "Offered a refund");
        debrief.put("customerReaction", "NEGATIVE");
        debrief.put("category", "refund");
        debrief.put("text", "Customer was angry");
        debrief.put("occurredAt", "2026-11-24T09:00:00Z");
        return debrief;
    }

    @Test
    void aValidItemGetsItsDefaultsAndKeepsItsValues() {
        Map<String, Object> item = item();
        item.put("rating", 2);
        item.put("source", Map.of("platform", "web"));

        Submission.Checked checked = RULES.item(item, NOW);

        assertThat(checked.ok()).isTrue();
        assertThat(checked.issues()).isEmpty();
        Submission s = checked.submission();
        assertThat(s.clientId()).isEqualTo("shop:order-123.review_1");
        assertThat(s.channel()).isEqualTo(Channel.SURVEY);
        assertThat(s.segment()).isEqualTo("unknown");
        assertThat(s.locale()).isEqualTo("en");
        assertThat(s.rating()).isEqualTo(2.0);
        assertThat(s.occurredAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(s.source()).containsExactly(Map.entry("platform", "web"));
        assertThat(s.debrief()).isNull();
        assertThat(s.toString()).doesNotContain("FAQ");
    }

    @Test
    void everyProblemOfABadItemIsNamedInFieldOrderWithoutQuotingTheText() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", "no pe");
        item.put("systemKey", "Support Bot");
        item.put("channel", "FAX");
        item.put("text", " ");
        item.put("rating", 11);
        item.put("locale", "english");
        item.put("occurredAt", "yesterday");
        item.put("source", Map.of("platform", 3));
        item.put("extra", 1);

        Submission.Checked checked = RULES.item(item, NOW);

        assertThat(checked.ok()).isFalse();
        assertThat(checked.issues()).extracting(Issue::field, Issue::message).containsExactly(
                tuple("extra", "is not a known field"),
                tuple("id", "must be a client id"),
                tuple("systemKey", "must be a slug: lower-case letters, digits and '-', up to 64"),
                tuple("channel", "must be one of SUPPORT_REVIEW, SURVEY, SOCIAL, OTHER"),
                tuple("text", "must not be blank"),
                tuple("rating", "must be a number from 0 to 10"),
                tuple("locale", "must be a language tag such as 'en' or 'en-GB'"),
                tuple("occurredAt", "must be an ISO-8601 UTC timestamp such as 2026-11-24T10:00:00Z"),
                tuple("source.platform", "must be a string of at most 500 characters"));
    }

    @Test
    void missingRequiredFieldsAndWrongTypesAreNamed() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("systemKey", 42);
        item.put("text", null);
        item.put("rating", "5");

        assertThat(RULES.item(item, NOW).issues()).extracting(Issue::field, Issue::message).containsExactly(
                tuple("id", "is required"),
                tuple("systemKey", "must be a string"),
                tuple("channel", "is required"),
                tuple("text", "is required"),
                tuple("rating", "must be a number from 0 to 10"),
                tuple("occurredAt", "is required"));
    }

    @Test
    void textLengthSegmentSourceSizeAndTheFutureAreBounded() {
        Map<String, Object> item = item();
        item.put("text", "x".repeat(SubmissionRules.MAX_TEXT + 1));
        item.put("customerSegment", "VIP");
        item.put("occurredAt", "2026-11-24T12:05:01Z");
        Map<String, Object> source = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            source.put("k" + i, "v");
        }
        item.put("source", source);

        assertThat(RULES.item(item, NOW).issues()).extracting(Issue::field, Issue::message).containsExactly(
                tuple("customerSegment", "must be lower-case letters, digits, '_' or '-', up to 40"),
                tuple("text", "must be at most 5000 characters"),
                tuple("occurredAt", "must not be in the future"),
                tuple("source", "must be an object of at most 10 string values"));
    }

    @Test
    void exactlyFiveMinutesAheadAndTheLongestTextAreAccepted() {
        Map<String, Object> item = item();
        item.put("text", "x".repeat(SubmissionRules.MAX_TEXT));
        item.put("occurredAt", "2026-11-24T12:05:00Z");

        assertThat(RULES.item(item, NOW).ok()).isTrue();
    }

    @Test
    void anythingButAnObjectIsRefusedAsAWhole() {
        assertThat(RULES.item(null, NOW).issues()).containsExactly(new Issue("item", "must be a JSON object"));
        assertThat(RULES.item(List.of(item()), NOW).issues()).containsExactly(new Issue("item", "must be a JSON object"));
        assertThat(RULES.debrief("text", NOW).issues()).containsExactly(new Issue("body", "must be a JSON object"));
    }

    @Test
    void aDebriefIsASupportReviewWithItsAgentInTheSource() {
        Submission.Checked checked = RULES.debrief(debrief(), NOW);

        assertThat(checked.ok()).isTrue();
        Submission s = checked.submission();
        assertThat(s.channel()).isEqualTo(Channel.SUPPORT_REVIEW);
        assertThat(s.source()).containsExactly(Map.entry("agentId", "agent-7"));
        assertThat(s.debrief()).isEqualTo(new Debrief("Offered a refund", "NEGATIVE", "refund"));
        assertThat(s.debrief().toString()).doesNotContain("refund to");
    }

    @Test
    void aBadDebriefListsTheItemsProblemsThenItsOwn() {
        Map<String, Object> debrief = debrief();
        debrief.remove("agentId");
        debrief.put("customerReaction", "MEH");
        debrief.put("locale", "en");
        debrief.put("channel", "SOCIAL");

        assertThat(RULES.debrief(debrief, NOW).issues()).extracting(Issue::field, Issue::message).containsExactly(
                tuple("locale", "is not a known field"),
                tuple("channel", "is not a known field"),
                tuple("customerReaction", "must be one of ABANDONED, ESCALATED, NEGATIVE, NEUTRAL, POSITIVE"),
                tuple("agentId", "is required"));
    }
}
