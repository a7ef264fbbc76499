package io.refinery.oversight.console.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.refinery.oversight.policy.tiers.Tier;
import io.refinery.oversight.review.rules.ReviewState;

/**
 * The queue's filters as the GET form sends them. Without a state the queue shows what needs people now (PENDING);
 * {@code ANY} shows every state. A value that is not one of the known ones is dropped (an unknown state falls back to
 * PENDING) and named in {@code problems},
 * so a hand-edited link still shows a page that says what it ignored.
 *
 * @param tier       one tier, or null for all
 * @param systemKey  one system, or null for all
 * @param state      one state, or null for all
 * @param actionType one action type, or null for all
 */
public record QueueFilter(Tier tier, String systemKey, ReviewState state, String actionType, List<String> problems) {

    public static final String ANY = "ANY";

    public QueueFilter {
        problems = List.copyOf(problems);
    }

    /** The default view: pending requests of every tier, system and action type. */
    public static QueueFilter pending() {
        return new QueueFilter(null, null, ReviewState.PENDING, null, List.of());
    }

    public static QueueFilter parse(String tier, String systemKey, String state, String actionType) {
        List<String> problems = new ArrayList<>();
        Tier t = blank(tier) ? null : enumValue(Tier.class, "tier", tier, problems);
        ReviewState s = ReviewState.PENDING;
        if (!blank(state)) {
            s = ANY.equalsIgnoreCase(state.strip()) ? null : enumValue(ReviewState.class, "state", state, problems);
            s = s == null && !ANY.equalsIgnoreCase(state.strip()) ? ReviewState.PENDING : s;
        }
        return new QueueFilter(t, text(systemKey, "system", problems), s, text(actionType, "action type", problems), problems);
    }

    /** The state as the form's select names it. */
    public String stateValue() {
        return state == null ? ANY : state.name();
    }

    /** What the queue shows, as the page's subtitle starts: "Pending requests", "Requests in every state". */
    public String stateLabel() {
        return state == null ? "Requests in every state" : Labels.constant(state.name()) + " requests";
    }

    public String tierValue() {
        return tier == null ? "" : tier.name();
    }

    /** Whether anything narrows the default view. */
    public boolean narrowed() {
        return tier != null || systemKey != null || actionType != null || state != ReviewState.PENDING;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String raw, List<String> problems) {
        String value = raw.strip().toUpperCase(Locale.ROOT);
        if (Arrays.stream(type.getEnumConstants()).noneMatch(e -> e.name().equals(value))) {
            problems.add("Ignored the " + name + " filter \"" + abbreviate(raw) + "\": it is none of "
                    + Arrays.toString(type.getEnumConstants()) + ".");
            return null;
        }
        return Enum.valueOf(type, value);
    }

    /** System keys and action types are short slugs; anything longer or stranger cannot match and is dropped. */
    private static String text(String raw, String name, List<String> problems) {
        if (blank(raw)) {
            return null;
        }
        String value = raw.strip();
        if (value.length() > 128 || !value.matches("[A-Za-z0-9._:-]+")) {
            problems.add("Ignored the " + name + " filter \"" + abbreviate(raw) + "\": not a " + name + ".");
            return null;
        }
        return value;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
