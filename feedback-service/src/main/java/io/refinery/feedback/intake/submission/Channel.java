package io.refinery.feedback.intake.submission;

/** Where a feedback item came from. */
public enum Channel {
    SUPPORT_REVIEW, SURVEY, SOCIAL, OTHER
}
