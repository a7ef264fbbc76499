package io.refinery.feedback.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Measures the analyzer on our own labelled set (src/test/resources/text/sentiment-labelled.tsv): prints the
 * accuracy and the confusion matrix, and holds a floor so a lexicon change cannot quietly make it worse.
 */
class SentimentEvaluationTest {

    private record Item(Sentiment.Label label, String style, String text) {
    }

    private final SentimentAnalyzer analyzer = new SentimentAnalyzer();

    @Test
    void accuracyOnTheLabelledSetIsAboveTheFloor() throws IOException {
        List<Item> items = load();
        assertThat(items).hasSizeGreaterThanOrEqualTo(200);
        Sentiment.Label[] labels = Sentiment.Label.values();
        int[][] confusion = new int[labels.length][labels.length];
        int correct = 0;
        StringBuilder misses = new StringBuilder();
        for (Item item : items) {
            Sentiment s = analyzer.analyze(item.text());
            confusion[item.label().ordinal()][s.label().ordinal()]++;
            if (s.label() == item.label()) {
                correct++;
            } else {
                misses.append(String.format(Locale.ROOT, "  %s -> %s (%.2f) [%s] %s%n", item.label(), s.label(),
                        s.score(), item.style(), item.text()));
            }
        }
        double accuracy = (double) correct / items.size();
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Sentiment accuracy %d/%d = %.3f%n", correct, items.size(), accuracy));
        report.append(String.format("%-14s %9s %9s %9s%n", "actual\\pred", "NEGATIVE", "NEUTRAL", "POSITIVE"));
        for (Sentiment.Label actual : labels) {
            report.append(String.format("%-14s %9d %9d %9d%n", actual, confusion[actual.ordinal()][0],
                    confusion[actual.ordinal()][1], confusion[actual.ordinal()][2]));
        }
        System.out.println(report);
        System.out.println("Misclassified:\n" + misses);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.80);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "good|POSITIVE", "not good|NEGATIVE", "not bad|POSITIVE", "very good|POSITIVE", "terrible|NEGATIVE",
        "the delivery was not late at all|POSITIVE", "I didn't like it|NEGATIVE", "nice but useless|NEGATIVE",
        "order 1234 arrived|NEUTRAL", "|NEUTRAL",
    })
    void rules(String text, Sentiment.Label expected) {
        assertThat(analyzer.analyze(text).label()).isEqualTo(expected);
    }

    @Test
    void intensifiersMoveTheScore() {
        assertThat(analyzer.analyze("extremely good").score()).isGreaterThan(analyzer.analyze("good").score());
        assertThat(analyzer.analyze("slightly bad").score()).isGreaterThan(analyzer.analyze("bad").score());
        assertThat(analyzer.analyze("AWFUL").score()).isLessThan(analyzer.analyze("awful").score());
    }

    private static List<Item> load() throws IOException {
        List<Item> items = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SentimentEvaluationTest.class.getResourceAsStream("/text/sentiment-labelled.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                items.add(new Item(Sentiment.Label.valueOf(f[0].toUpperCase(Locale.ROOT)), f[1], f[2]));
            }
        }
        return items;
    }
}
