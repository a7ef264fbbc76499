package io.refinery.feedback.text;

import java.util.List;

/** The whole per-item analysis: redaction first, then sentiment and themes on the redacted text only. */
public final class FeedbackAnalyzer {

    /** The analysed item: redacted text, its sentiment and the matched theme keys. */
    public record Analysis(String redactedText, Sentiment sentiment, List<String> themes) {
    }

    private final PiiRedactor redactor;
    private final SentimentAnalyzer sentiment;
    private final ThemeTaxonomy themes;

    public FeedbackAnalyzer(PiiRedactor redactor, SentimentAnalyzer sentiment, ThemeTaxonomy themes) {
        this.redactor = redactor;
        this.sentiment = sentiment;
        this.themes = themes;
    }

    public static FeedbackAnalyzer defaults() {
        return new FeedbackAnalyzer(new PiiRedactor(), new SentimentAnalyzer(), ThemeTaxonomy.defaults());
    }

    public Analysis analyze(String systemKind, String rawText) {
        String redacted = redactor.redact(rawText);
        return new Analysis(redacted, sentiment.analyze(redacted), themes.match(systemKind, redacted));
    }

    public String redact(String text) {
        return redactor.redact(text);
    }
}
