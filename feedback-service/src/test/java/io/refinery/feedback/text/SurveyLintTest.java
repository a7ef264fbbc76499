package io.refinery.feedback.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SurveyLintTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Don't you agree that the new recommendations are helpful?|LEADING|Don't you agree",
        "The checkout is easy, isn't it?|LEADING|isn't it",
        "How great was your delivery experience?|LEADING|How great",
        "How satisfied are you with our amazing new assistant?|LOADED|amazing",
        "How satisfied are you with the speed and accuracy of the recommendations?|DOUBLE_BARRELED|speed and accuracy",
        "Was the assistant fast and helpful?|DOUBLE_BARRELED|fast and helpful",
        "How much did you enjoy the personalised homepage?|ASSUMPTION|How much did you enjoy",
        "Why do you prefer our app to other shops?|ASSUMPTION|Why do you prefer",
        "Do you always find what you are looking for?|ABSOLUTE|always",
    })
    void flagsBiasedWording(String question, SurveyLint.Rule rule, String words) {
        List<SurveyLint.Finding> findings = SurveyLint.lint(question);
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(rule);
            assertThat(f.offendingWords()).containsIgnoringCase(words);
            assertThat(f.suggestion()).isNotBlank().isNotEqualTo(question);
            assertThat(f.blocking()).isEqualTo(rule.blocking);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "How would you rate the relevance of the recommendations?",
        "How likely or unlikely are you to recommend us to a friend?",
        "How easy or difficult was it to find what you were looking for?",
        "How satisfied or dissatisfied are you with the delivery time?",
        "What, if anything, would you change about the checkout?",
        "How often do you use the chat assistant?",
        "Please rate the accuracy of the search results.",
        "Which of these categories do you shop in?",
    })
    void passesNeutralQuestions(String question) {
        assertThat(SurveyLint.lint(question)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "How satisfied are you with the speed and accuracy of the recommendations?|How satisfied are you with the speed of the recommendations? / How satisfied are you with the accuracy of the recommendations?",
        "How satisfied are you with our amazing new assistant?|How satisfied are you with our new assistant?",
    })
    void suggestsNeutralForms(String question, String suggestion) {
        assertThat(SurveyLint.lint(question)).extracting(SurveyLint.Finding::suggestion).contains(suggestion);
    }
}
