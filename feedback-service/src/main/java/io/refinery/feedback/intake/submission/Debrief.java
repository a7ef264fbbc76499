package io.refinery.feedback.intake.submission;

/**
 * The structured part of a support agent's debrief: what the AI did, how the customer reacted and a category.
 * {@code aiAction} is raw text until it is redacted, so {@link #toString()} leaves it out.
 */
public record Debrief(String aiAction, String customerReaction, String category) {

    @Override
    public String toString() {
        return "Debrief[reaction=" + customerReaction + ", category=" + category + "]";
    }
}
