package io.refinery.feedback.text;

/** A sentiment score in [-1, 1] with its label. */
public record Sentiment(double score, Label label) {

    public enum Label {
        NEGATIVE, NEUTRAL, POSITIVE
    }

    /** Scores at or beyond this magnitude get a polar label. */
    public static final double LABEL_THRESHOLD = 0.2;

    public static Sentiment of(double score) {
        Label label = score >= LABEL_THRESHOLD ? Label.POSITIVE
                : score <= -LABEL_THRESHOLD ? Label.NEGATIVE : Label.NEUTRAL;
        return new Sentiment(score, label);
    }
}
