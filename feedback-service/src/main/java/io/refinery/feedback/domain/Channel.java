package io.refinery.feedback.domain;

/** Where a feedback item came from. */
public enum Channel {
    SUPPORT_REVIEW, SURVEY, SOCIAL, OTHER
}
