package io.refinery.feedback.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints survey questions for wording that biases answers. Rules (our own wording guide):
 * <ul>
 * <li>{@code LEADING} (blocking): the question pushes towards an answer ("don't you agree", "wouldn't you say",
 * "isn't it", "how great").</li>
 * <li>{@code LOADED} (blocking): emotionally charged adjectives about the thing being rated ("amazing",
 * "terrible", "annoying").</li>
 * <li>{@code DOUBLE_BARRELED} (blocking): two things asked at once ("the speed and accuracy of").</li>
 * <li>{@code ASSUMPTION} (blocking): presumes an experience or opinion ("how much did you enjoy", "why do you
 * prefer", "since you").</li>
 * <li>{@code ABSOLUTE} (warning): absolute terms ("always", "never", "every", "all") that force yes/no extremes.</li>
 * </ul>
 * Each finding carries the offending words and a suggested neutral form.
 */
public final class SurveyLint {

    public enum Rule {
        LEADING(true), LOADED(true), DOUBLE_BARRELED(true), ASSUMPTION(true), ABSOLUTE(false);

        public final boolean blocking;

        Rule(boolean blocking) {
            this.blocking = blocking;
        }
    }

    /** One finding: the rule, whether it blocks, the offending words and a neutral rewrite. */
    public record Finding(Rule rule, boolean blocking, String offendingWords, String message, String suggestion) {
    }

    private static final Pattern LEADING = Pattern.compile("\\b(don'?t you (?:agree|think|feel)|wouldn'?t you (?:agree|say)"
            + "|isn'?t it|aren'?t they|wasn'?t it|didn'?t you (?:love|like|enjoy)|do you agree that|how (?:great|good|amazing|much better)"
            + "|surely|obviously|clearly|everyone (?:loves|agrees|knows))\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOADED = Pattern.compile("\\b(amazing|awesome|excellent|fantastic|wonderful|brilliant|superb"
            + "|terrible|awful|horrible|annoying|useless|frustrating|pointless|outstanding|incredible|revolutionary)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ASSUMPTION = Pattern.compile("\\b(how much did you (?:enjoy|like|love|appreciate)"
            + "|what did you (?:like|love|enjoy) (?:most|best)|why do you (?:prefer|like|love|dislike|hate)"
            + "|since you|as a (?:regular|loyal|satisfied|happy) (?:user|customer)|when did you (?:stop|start)"
            + "|how often do you recommend|how many times have you recommended)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ABSOLUTE = Pattern.compile("\\b(always|never|every|everything|all|none|nobody|everyone"
            + "|ever|completely|entirely)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOUBLE = Pattern.compile("\\b(\\w+) (and|or|as well as) (\\w+)(?= (?:of|with|in|on|for|from)\\b|\\?|$)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DOUBLE_VERBS = Pattern.compile("\\b(?:find|rate|consider) (?:it|the \\w+|our \\w+) (\\w+) (and|or) (\\w+)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> FIXED_PAIRS = List.of("terms and conditions", "pros and cons", "more or less",
            "black and white", "rock and roll", "bed and breakfast", "salt and pepper", "agree or disagree",
            "satisfied or dissatisfied", "helpful or unhelpful", "easy or difficult", "yes or no", "likely or unlikely");

    private SurveyLint() {
    }

    public static List<Finding> lint(String question) {
        List<Finding> out = new ArrayList<>();
        if (question == null || question.isBlank()) {
            return out;
        }
        String q = question.trim();
        Matcher m = LEADING.matcher(q);
        if (m.find()) {
            out.add(new Finding(Rule.LEADING, true, m.group(1), "The wording suggests the expected answer.",
                    neutralRating(stripLeading(q))));
        }
        m = LOADED.matcher(q);
        List<String> loaded = new ArrayList<>();
        while (m.find()) {
            loaded.add(m.group(1));
        }
        if (!loaded.isEmpty()) {
            String stripped = q;
            for (String w : loaded) {
                stripped = stripped.replaceAll("(?i)\\b" + Pattern.quote(w) + "\\b\\s*", "");
            }
            out.add(new Finding(Rule.LOADED, true, String.join(", ", loaded),
                    "Charged adjectives colour the answer.", tidy(stripped)));
        }
        m = ASSUMPTION.matcher(q);
        if (m.find()) {
            out.add(new Finding(Rule.ASSUMPTION, true, m.group(1),
                    "The question presumes an experience or opinion the respondent may not have.",
                    "Did you use it? If yes: " + neutralRating(q.substring(m.end()).trim())));
        }
        Finding dbl = doubleBarreled(q);
        if (dbl != null) {
            out.add(dbl);
        }
        m = ABSOLUTE.matcher(q);
        if (m.find()) {
            String word = m.group(1);
            String rest = tidy(q.replaceAll("(?i)\\b" + Pattern.quote(word) + "\\b\\s*", ""));
            out.add(new Finding(Rule.ABSOLUTE, false, word, "Absolute terms force an all-or-nothing answer.",
                    "How often: " + rest + " (Never / Rarely / Sometimes / Often / Always)"));
        }
        return out;
    }

    public static boolean hasBlocking(List<Finding> findings) {
        return findings.stream().anyMatch(Finding::blocking);
    }

    private static Finding doubleBarreled(String q) {
        String lower = q.toLowerCase(Locale.ROOT);
        String masked = lower;
        for (String pair : FIXED_PAIRS) {
            masked = masked.replace(pair, "_".repeat(pair.length()));
        }
        for (Pattern p : List.of(DOUBLE, DOUBLE_VERBS)) {
            Matcher m = p.matcher(masked);
            if (m.find()) {
                String first = q.substring(m.start(1), m.end(1));
                String second = q.substring(m.start(3), m.end(3));
                String joined = q.substring(m.start(1), m.end(3));
                String a = q.replace(joined, first);
                String b = q.replace(joined, second);
                return new Finding(Rule.DOUBLE_BARRELED, true, joined, "Two things are asked at once; answers cannot tell them apart.",
                        a + " / " + b);
            }
        }
        return null;
    }

    private static String stripLeading(String q) {
        String s = q.replaceAll("(?i)\\b(don'?t you (agree|think|feel)( that)?|wouldn'?t you (agree|say)( that)?|do you agree that"
                + "|surely|obviously|clearly)\\b[,]?\\s*", "");
        s = s.replaceAll("(?i),?\\s*(isn'?t it|aren'?t they|wasn'?t it)\\s*\\?", "?");
        return tidy(LOADED.matcher(s).replaceAll("").replaceAll("\\s+", " "));
    }

    private static String neutralRating(String subject) {
        String s = subject.replaceAll("[?.!]+$", "").trim();
        s = s.replaceAll("(?i)^(how (great|good|amazing|much better) (is|are|was|were) )", "");
        if (s.isEmpty()) {
            return "How would you rate it, from very poor to very good?";
        }
        return "How would you rate the following, from very poor to very good: " + s + "?";
    }

    private static String tidy(String s) {
        String t = s.replaceAll("\\s+", " ").replaceAll(" \\?", "?").trim();
        return t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }
}
