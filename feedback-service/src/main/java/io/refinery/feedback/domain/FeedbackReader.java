package io.refinery.feedback.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.refinery.platform.ids.ClientId;
import io.refinery.platform.problem.FieldIssue;

/**
 * Checks one feedback item (a JSON object) field by field and collects every problem, so one bad item is refused
 * with all its reasons and never refuses the others. Error messages never quote the text.
 */
public final class FeedbackReader {

    public static final int MAX_TEXT = 5_000;
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
    private static final Set<String> FIELDS = Set.of("id", "systemKey", "channel", "customerSegment", "text", "rating",
            "locale", "occurredAt", "source");
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    /** The item, or the reasons it was refused. */
    public record Parsed(FeedbackDraft draft, List<FieldIssue> issues) {
        public boolean ok() {
            return draft != null;
        }
    }

    private FeedbackReader() {
    }

    public static Parsed read(JsonNode node, Instant now) {
        return read(node, now, FIELDS, null);
    }

    private static final Set<String> DEBRIEF_FIELDS = Set.of("id", "systemKey", "customerSegment", "text", "occurredAt",
            "agentId", "aiAction", "customerReaction", "category", "rating");
    private static final Set<String> REACTIONS = Set.of("POSITIVE", "NEUTRAL", "NEGATIVE", "ESCALATED", "ABANDONED");

    /**
     * A support agent's debrief: what the AI did ({@code aiAction}), how the customer reacted
     * ({@code customerReaction}), a {@code category} and free {@code text}; stored as a SUPPORT_REVIEW item.
     */
    public static Parsed readDebrief(JsonNode node, Instant now) {
        if (node == null || !node.isObject()) {
            return new Parsed(null, List.of(new FieldIssue("body", "must be a JSON object")));
        }
        List<FieldIssue> issues = new ArrayList<>();
        String aiAction = string(node, "aiAction", true, issues);
        if (aiAction != null && (aiAction.isBlank() || aiAction.length() > 1000)) {
            issues.add(new FieldIssue("aiAction", "must be 1 to 1000 characters"));
        }
        String reaction = string(node, "customerReaction", true, issues);
        if (reaction != null && !REACTIONS.contains(reaction)) {
            issues.add(new FieldIssue("customerReaction", "must be one of " + String.join(", ", REACTIONS.stream().sorted().toList())));
        }
        String category = string(node, "category", true, issues);
        if (category != null && !SLUG.matcher(category).matches()) {
            issues.add(new FieldIssue("category", "must be a slug: lower-case letters, digits and '-', up to 64"));
        }
        String agentId = string(node, "agentId", true, issues);
        if (agentId != null && (agentId.isBlank() || agentId.length() > 100)) {
            issues.add(new FieldIssue("agentId", "must be 1 to 100 characters"));
        }
        Parsed core = read(node, now, DEBRIEF_FIELDS, new FeedbackDraft.Debrief(aiAction, reaction, category));
        if (!core.ok() || !issues.isEmpty()) {
            List<FieldIssue> all = new ArrayList<>(core.issues());
            all.addAll(issues);
            return new Parsed(null, List.copyOf(all));
        }
        FeedbackDraft d = core.draft();
        Map<String, String> source = new LinkedHashMap<>(d.source());
        source.put("agentId", agentId);
        return new Parsed(new FeedbackDraft(d.id(), d.clientId(), d.systemKey(), d.channel(), d.segment(), d.text(),
                d.rating(), d.locale(), d.occurredAt(), source, d.debrief()), List.of());
    }

    static Parsed read(JsonNode node, Instant now, Set<String> allowed, FeedbackDraft.Debrief debrief) {
        List<FieldIssue> issues = new ArrayList<>();
        if (node == null || !node.isObject()) {
            return new Parsed(null, List.of(new FieldIssue("item", "must be a JSON object")));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                issues.add(new FieldIssue(f, "is not a known field"));
            }
        }
        String clientId = clientId(node, "id", issues);
        String systemKey = string(node, "systemKey", true, issues);
        if (systemKey != null && !SLUG.matcher(systemKey).matches()) {
            issues.add(new FieldIssue("systemKey", "must be a slug: lower-case letters, digits and '-', up to 64"));
        }
        Channel channel = debrief != null ? Channel.SUPPORT_REVIEW : channel(node, issues);
        String segment = string(node, "customerSegment", false, issues);
        if (segment == null) {
            segment = "unknown";
        } else if (!SEGMENT.matcher(segment).matches()) {
            issues.add(new FieldIssue("customerSegment", "must be lower-case letters, digits, '_' or '-', up to 40"));
        }
        String text = string(node, "text", true, issues);
        if (text != null && text.isBlank()) {
            issues.add(new FieldIssue("text", "must not be blank"));
        } else if (text != null && text.length() > MAX_TEXT) {
            issues.add(new FieldIssue("text", "must be at most " + MAX_TEXT + " characters"));
        }
        Double rating = null;
        JsonNode r = node.get("rating");
        if (r != null && !r.isNull()) {
            if (!r.isNumber() || r.asDouble() < 0 || r.asDouble() > 10) {
                issues.add(new FieldIssue("rating", "must be a number from 0 to 10"));
            } else {
                rating = r.asDouble();
            }
        }
        String locale = allowed.contains("locale") ? string(node, "locale", false, issues) : null;
        if (locale == null) {
            locale = "en";
        } else if (!LOCALE.matcher(locale).matches()) {
            issues.add(new FieldIssue("locale", "must be a language tag such as 'en' or 'en-GB'"));
        }
        Instant occurredAt = instant(node, "occurredAt", issues);
        if (occurredAt != null && occurredAt.isAfter(now.plus(MAX_FUTURE))) {
            issues.add(new FieldIssue("occurredAt", "must not be in the future"));
        }
        Map<String, String> source = source(node, issues);
        if (!issues.isEmpty()) {
            return new Parsed(null, List.copyOf(issues));
        }
        return new Parsed(new FeedbackDraft(FeedbackIds.item(clientId), ClientId.originalUnlessUuid(clientId), systemKey,
                channel, segment, text, rating, locale, occurredAt, source, debrief), List.of());
    }

    static String string(JsonNode node, String field, boolean required, List<FieldIssue> issues) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                issues.add(new FieldIssue(field, "is required"));
            }
            return null;
        }
        if (!v.isTextual()) {
            issues.add(new FieldIssue(field, "must be a string"));
            return null;
        }
        return v.asText();
    }

    /** A required client id ({@link ClientId}), or null with the issue recorded. */
    static String clientId(JsonNode node, String field, List<FieldIssue> issues) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            issues.add(new FieldIssue(field, "is required"));
            return null;
        }
        if (!v.isTextual() || !ClientId.isValid(v.asText())) {
            issues.add(new FieldIssue(field, ClientId.MESSAGE));
            return null;
        }
        return v.asText();
    }

    static Instant instant(JsonNode node, String field, List<FieldIssue> issues) {
        String s = string(node, field, true, issues);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            issues.add(new FieldIssue(field, "must be an ISO-8601 UTC timestamp such as 2026-11-24T10:00:00Z"));
            return null;
        }
    }

    private static Channel channel(JsonNode node, List<FieldIssue> issues) {
        String s = string(node, "channel", true, issues);
        if (s == null) {
            return null;
        }
        try {
            return Channel.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            issues.add(new FieldIssue("channel", "must be one of SUPPORT_REVIEW, SURVEY, SOCIAL, OTHER"));
            return null;
        }
    }

    private static Map<String, String> source(JsonNode node, List<FieldIssue> issues) {
        JsonNode s = node.get("source");
        Map<String, String> out = new LinkedHashMap<>();
        if (s == null || s.isNull()) {
            return out;
        }
        if (!s.isObject() || s.size() > 10) {
            issues.add(new FieldIssue("source", "must be an object of at most 10 string values"));
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || e.getValue().asText().length() > 500 || e.getKey().length() > 40) {
                issues.add(new FieldIssue("source." + e.getKey(), "must be a string of at most 500 characters"));
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }
}
