package io.refinery.feedback.survey.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.refinery.feedback.intake.submission.Issue;

class AnswerRulesTest {

    private static final List<Question> QUESTIONS = List.of(
            new Question("q-nps", "How likely are you to recommend us?", QuestionType.NPS, null),
            new Question("q-csat", "How satisfied were you?", QuestionType.CSAT, null),
            new Question("q-rate", "Rate the answer", QuestionType.RATING, null),
            new Question("q-pick", "Which channel?", QuestionType.CHOICE, List.of("web", "app")),
            new Question("q-text", "What, if anything, would you change?", QuestionType.FREE_TEXT, null));

    @Test
    void goodAnswersAreKeptAsNumbersAndFreeTextIsHandedBackRaw() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("q-nps", 9);
        answers.put("q-csat", 4);
        answers.put("q-rate", 7.5);
        answers.put("q-pick", "app");
        answers.put("q-text", "Call me on 555 0100");

        CheckedAnswers checked = AnswerRules.check(QUESTIONS, answers);

        assertThat(checked.ok()).isTrue();
        assertThat(checked.nps()).isEqualTo(9);
        assertThat(checked.csat()).isEqualTo(4.0);
        assertThat(checked.values()).containsExactly(Map.entry("q-nps", 9), Map.entry("q-csat", 4),
                Map.entry("q-rate", 7.5), Map.entry("q-pick", "app"), Map.entry("q-text", "Call me on 555 0100"));
        assertThat(checked.freeText()).containsExactly(Map.entry("q-text", "Call me on 555 0100"));
        assertThat(checked.toString()).doesNotContain("555");
    }

    @Test
    void eachBadAnswerIsNamedAfterItsQuestion() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("q-nps", 11);
        answers.put("q-csat", 4.0);
        answers.put("q-rate", 0.5);
        answers.put("q-pick", "fax");
        answers.put("q-text", " ");
        answers.put("q-zzz", 1);

        CheckedAnswers checked = AnswerRules.check(QUESTIONS, answers);

        assertThat(checked.ok()).isFalse();
        assertThat(checked.issues()).extracting(Issue::field, Issue::message).containsExactly(
                tuple("answers.q-nps", "must be a whole number from 0 to 10"),
                tuple("answers.q-csat", "must be a whole number from 1 to 5"),
                tuple("answers.q-rate", "must be a number from 1 to 10"),
                tuple("answers.q-pick", "must be one of the question's options"),
                tuple("answers.q-text", "must be a text of 1 to 5000 characters"),
                tuple("answers.q-zzz", "is not a question of this survey"));
    }

    @Test
    void theBoundsOfEachScaleAreIncluded() {
        assertThat(AnswerRules.check(QUESTIONS, Map.of("q-nps", 0, "q-csat", 5, "q-rate", 10)).ok()).isTrue();
        assertThat(AnswerRules.check(QUESTIONS, Map.of("q-nps", 10L, "q-csat", 1, "q-rate", 1)).ok()).isTrue();
        assertThat(AnswerRules.check(QUESTIONS, Map.of("q-csat", 0)).issues()).hasSize(1);
        assertThat(AnswerRules.check(QUESTIONS, Map.of("q-nps", "9")).issues()).hasSize(1);
    }

    @Test
    void theFirstNpsAndCsatAnswersAreTheResponsesScores() {
        List<Question> two = List.of(new Question("a", "A?", QuestionType.NPS, null),
                new Question("b", "B?", QuestionType.NPS, null));
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("b", 3);
        answers.put("a", 8);

        assertThat(AnswerRules.check(two, answers).nps()).isEqualTo(3);
        assertThat(AnswerRules.check(two, answers).csat()).isNull();
    }
}
