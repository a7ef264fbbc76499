package io.refinery.feedback.intake.submission;

/**
 * One reason a submission (a feedback item, a debrief, a survey's answers) is refused: the field it concerns and what
 * was expected. Never quotes the text.
 */
public record Issue(String field, String message) {
}
