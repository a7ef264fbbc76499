package io.refinery.feedback.survey.form;

import java.util.List;
import java.util.Map;

import io.refinery.feedback.intake.submission.Issue;

/**
 * A survey response's answers after {@link AnswerRules}: the values to store by question id, the first NPS and CSAT
 * answers (null when none), the free-text answers by question id in the order given (raw text: the caller redacts
 * them before storing), and every problem found (then nothing is to be stored).
 */
public record CheckedAnswers(Map<String, Object> values, Integer nps, Double csat, Map<String, String> freeText,
        List<Issue> issues) {

    public boolean ok() {
        return issues.isEmpty();
    }

    @Override
    public String toString() {
        return "CheckedAnswers[questions=" + values.keySet() + ", nps=" + nps + ", csat=" + csat + ", issues=" + issues + "]";
    }
}
