package io.refinery.feedback.survey.form;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.refinery.feedback.intake.submission.Issue;
import io.refinery.feedback.intake.submission.SubmissionRules;

/**
 * The answers a survey's questions take: NPS a whole number 0..10, CSAT a whole number 1..5, RATING a number 1..10,
 * CHOICE one of the question's options, FREE_TEXT a text of 1 to {@link SubmissionRules#MAX_TEXT} characters.
 * Answers are a parsed JSON object (question id to a {@code String}, {@code Number}, ...); every problem is named
 * {@code answers.<questionId>}. Pure: no framework.
 */
public final class AnswerRules {

    private AnswerRules() {
    }

    public static CheckedAnswers check(List<Question> questions, Map<String, ?> answers) {
        Map<String, Question> byId = new HashMap<>();
        questions.forEach(q -> byId.put(q.id(), q));
        List<Issue> issues = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> freeText = new LinkedHashMap<>();
        Integer nps = null;
        Double csat = null;
        for (Map.Entry<String, ?> e : answers.entrySet()) {
            String field = "answers." + e.getKey();
            Question q = byId.get(e.getKey());
            Object v = e.getValue();
            if (q == null) {
                issues.add(new Issue(field, "is not a question of this survey"));
                continue;
            }
            switch (q.type()) {
                case NPS -> {
                    if (!wholeNumberIn(v, 0, 10)) {
                        issues.add(new Issue(field, "must be a whole number from 0 to 10"));
                    } else {
                        nps = nps == null ? ((Number) v).intValue() : nps;
                        values.put(q.id(), ((Number) v).intValue());
                    }
                }
                case CSAT -> {
                    if (!wholeNumberIn(v, 1, 5)) {
                        issues.add(new Issue(field, "must be a whole number from 1 to 5"));
                    } else {
                        csat = csat == null ? ((Number) v).doubleValue() : csat;
                        values.put(q.id(), ((Number) v).intValue());
                    }
                }
                case RATING -> {
                    if (!(v instanceof Number n) || n.doubleValue() < 1 || n.doubleValue() > 10) {
                        issues.add(new Issue(field, "must be a number from 1 to 10"));
                    } else {
                        values.put(q.id(), n.doubleValue());
                    }
                }
                case CHOICE -> {
                    if (!(v instanceof String s) || q.options() == null || !q.options().contains(s)) {
                        issues.add(new Issue(field, "must be one of the question's options"));
                    } else {
                        values.put(q.id(), s);
                    }
                }
                case FREE_TEXT -> {
                    if (!(v instanceof String s) || s.isBlank() || s.length() > SubmissionRules.MAX_TEXT) {
                        issues.add(new Issue(field, "must be a text of 1 to " + SubmissionRules.MAX_TEXT + " characters"));
                    } else {
                        values.put(q.id(), s);
                        freeText.put(q.id(), s);
                    }
                }
            }
        }
        return new CheckedAnswers(values, nps, csat, freeText, List.copyOf(issues));
    }

    /** A whole JSON number (not 5.0) whose int value lies in [min, max]. */
    private static boolean wholeNumberIn(Object v, int min, int max) {
        boolean whole = v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger;
        return whole && ((Number) v).intValue() >= min && ((Number) v).intValue() <= max;
    }
}
