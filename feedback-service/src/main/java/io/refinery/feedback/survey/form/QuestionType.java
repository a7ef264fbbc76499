package io.refinery.feedback.survey.form;

/** What a survey question asks for, and so which answers it takes ({@link AnswerRules}). */
public enum QuestionType {
    RATING, NPS, CSAT, FREE_TEXT, CHOICE
}
