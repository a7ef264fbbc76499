package io.refinery.feedback.survey.form;

import java.util.List;

/** A checked survey question; {@code options} are the choices of a CHOICE question. */
public record Question(String id, String text, QuestionType type, List<String> options) {
}
