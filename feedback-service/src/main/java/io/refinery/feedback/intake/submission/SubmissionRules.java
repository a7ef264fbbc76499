package io.refinery.feedback.intake.submission;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The one set of rules for a feedback submission, whether it comes over HTTP ({@code POST /api/v1/feedback},
 * {@code /feedback/debriefs}) or on topic refinery.feedback.submissions. It checks a parsed JSON value (a
 * {@code Map} for an object, {@code List}, {@code String}, {@code Number}, {@code Boolean} or null) field by field
 * and collects every problem, so a bad item is refused with all its reasons and never refuses the others. No field
 * is coerced and no message quotes the text. Pure: the client-id rule comes in from the caller.
 */
public final class SubmissionRules {

    public static final int MAX_TEXT = 5_000;
    public static final String SLUG_MESSAGE = "must be a slug: lower-case letters, digits and '-', up to 64";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    private static final int MAX_SOURCE_ENTRIES = 10;
    private static final Set<String> ITEM_FIELDS = Set.of("id", "systemKey", "channel", "customerSegment", "text",
            "rating", "locale", "occurredAt", "source");
    private static final Set<String> DEBRIEF_FIELDS = Set.of("id", "systemKey", "customerSegment", "text", "occurredAt",
            "agentId", "aiAction", "customerReaction", "category", "rating");
    private static final Set<String> REACTIONS = Set.of("POSITIVE", "NEUTRAL", "NEGATIVE", "ESCALATED", "ABANDONED");

    private final Predicate<String> isClientId;
    private final String clientIdMessage;

    /**
     * @param isClientId      whether a string is a valid client id (the platform's rule, README "Ids")
     * @param clientIdMessage what a bad id is told, after the field's name
     */
    public SubmissionRules(Predicate<String> isClientId, String clientIdMessage) {
        this.isClientId = isClientId;
        this.clientIdMessage = clientIdMessage;
    }

    /** One feedback item; {@code now} bounds {@code occurredAt} (at most 5 minutes ahead). */
    public Submission.Checked item(Object json, Instant now) {
        return check(json, now, ITEM_FIELDS, null);
    }

    /**
     * A support agent's debrief: what the AI did ({@code aiAction}), how the customer reacted
     * ({@code customerReaction}), a {@code category} and free {@code text}; a SUPPORT_REVIEW submission whose
     * {@code agentId} is kept in its source.
     */
    public Submission.Checked debrief(Object json, Instant now) {
        if (!(json instanceof Map<?, ?> node)) {
            return Submission.Checked.refused(List.of(new Issue("body", "must be a JSON object")));
        }
        List<Issue> issues = new ArrayList<>();
        String aiAction = string(node, "aiAction", true, issues);
        if (aiAction != null && (aiAction.isBlank() || aiAction.length() > 1000)) {
            issues.add(new Issue("aiAction", "must be 1 to 1000 characters"));
        }
        String reaction = string(node, "customerReaction", true, issues);
        if (reaction != null && !REACTIONS.contains(reaction)) {
            issues.add(new Issue("customerReaction", "must be one of " + String.join(", ", REACTIONS.stream().sorted().toList())));
        }
        String category = string(node, "category", true, issues);
        if (category != null && !SLUG.matcher(category).matches()) {
            issues.add(new Issue("category", SLUG_MESSAGE));
        }
        String agentId = string(node, "agentId", true, issues);
        if (agentId != null && (agentId.isBlank() || agentId.length() > 100)) {
            issues.add(new Issue("agentId", "must be 1 to 100 characters"));
        }
        Submission.Checked core = check(node, now, DEBRIEF_FIELDS, new Debrief(aiAction, reaction, category));
        if (!core.ok() || !issues.isEmpty()) {
            List<Issue> all = new ArrayList<>(core.issues());
            all.addAll(issues);
            return Submission.Checked.refused(all);
        }
        Submission s = core.submission();
        Map<String, String> source = new LinkedHashMap<>(s.source());
        source.put("agentId", agentId);
        return new Submission.Checked(new Submission(s.clientId(), s.systemKey(), s.channel(), s.segment(), s.text(),
                s.rating(), s.locale(), s.occurredAt(), source, s.debrief()), List.of());
    }

    private Submission.Checked check(Object json, Instant now, Set<String> allowed, Debrief debrief) {
        if (!(json instanceof Map<?, ?> node)) {
            return Submission.Checked.refused(List.of(new Issue("item", "must be a JSON object")));
        }
        List<Issue> issues = new ArrayList<>();
        for (Object field : node.keySet()) {
            if (!allowed.contains(field)) {
                issues.add(new Issue(String.valueOf(field), "is not a known field"));
            }
        }
        String clientId = clientId(node, issues);
        String systemKey = string(node, "systemKey", true, issues);
        if (systemKey != null && !SLUG.matcher(systemKey).matches()) {
            issues.add(new Issue("systemKey", SLUG_MESSAGE));
        }
        Channel channel = debrief != null ? Channel.SUPPORT_REVIEW : channel(node, issues);
        String segment = string(node, "customerSegment", false, issues);
        if (segment == null) {
            segment = "unknown";
        } else if (!SEGMENT.matcher(segment).matches()) {
            issues.add(new Issue("customerSegment", "must be lower-case letters, digits, '_' or '-', up to 40"));
        }
        String text = string(node, "text", true, issues);
        if (text != null && text.isBlank()) {
            issues.add(new Issue("text", "must not be blank"));
        } else if (text != null && text.length() > MAX_TEXT) {
            issues.add(new Issue("text", "must be at most " + MAX_TEXT + " characters"));
        }
        Double rating = rating(node, issues);
        String locale = allowed.contains("locale") ? string(node, "locale", false, issues) : null;
        if (locale == null) {
            locale = "en";
        } else if (!LOCALE.matcher(locale).matches()) {
            issues.add(new Issue("locale", "must be a language tag such as 'en' or 'en-GB'"));
        }
        Instant occurredAt = instant(node, "occurredAt", issues);
        if (occurredAt != null && occurredAt.isAfter(now.plus(MAX_FUTURE))) {
            issues.add(new Issue("occurredAt", "must not be in the future"));
        }
        Map<String, String> source = source(node, issues);
        if (!issues.isEmpty()) {
            return Submission.Checked.refused(issues);
        }
        return new Submission.Checked(new Submission(clientId, systemKey, channel, segment, text, rating, locale,
                occurredAt, source, debrief), List.of());
    }

    private static String string(Map<?, ?> node, String field, boolean required, List<Issue> issues) {
        Object v = node.get(field);
        if (v == null) {
            if (required) {
                issues.add(new Issue(field, "is required"));
            }
            return null;
        }
        if (!(v instanceof String s)) {
            issues.add(new Issue(field, "must be a string"));
            return null;
        }
        return s;
    }

    private String clientId(Map<?, ?> node, List<Issue> issues) {
        Object v = node.get("id");
        if (v == null) {
            issues.add(new Issue("id", "is required"));
            return null;
        }
        if (!(v instanceof String s) || !isClientId.test(s)) {
            issues.add(new Issue("id", clientIdMessage));
            return null;
        }
        return s;
    }

    private static Double rating(Map<?, ?> node, List<Issue> issues) {
        Object r = node.get("rating");
        if (r == null) {
            return null;
        }
        if (!(r instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 10) {
            issues.add(new Issue("rating", "must be a number from 0 to 10"));
            return null;
        }
        return n.doubleValue();
    }

    private static Instant instant(Map<?, ?> node, String field, List<Issue> issues) {
        String s = string(node, field, true, issues);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            issues.add(new Issue(field, "must be an ISO-8601 UTC timestamp such as 2026-11-24T10:00:00Z"));
            return null;
        }
    }

    private static Channel channel(Map<?, ?> node, List<Issue> issues) {
        String s = string(node, "channel", true, issues);
        if (s == null) {
            return null;
        }
        try {
            return Channel.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            issues.add(new Issue("channel", "must be one of SUPPORT_REVIEW, SURVEY, SOCIAL, OTHER"));
            return null;
        }
    }

    private static Map<String, String> source(Map<?, ?> node, List<Issue> issues) {
        Object s = node.get("source");
        Map<String, String> out = new LinkedHashMap<>();
        if (s == null) {
            return out;
        }
        if (!(s instanceof Map<?, ?> entries) || entries.size() > MAX_SOURCE_ENTRIES) {
            issues.add(new Issue("source", "must be an object of at most 10 string values"));
            return out;
        }
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof String value) || value.length() > 500 || key.length() > 40) {
                issues.add(new Issue("source." + key, "must be a string of at most 500 characters"));
            } else {
                out.put(key, value);
            }
        }
        return out;
    }
}
