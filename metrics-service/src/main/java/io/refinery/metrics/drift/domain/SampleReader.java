package io.refinery.metrics.drift.domain;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.metrics.ingestion.domain.UtcTimestamps;
import io.refinery.metrics.ingestion.domain.ItemFields;
import io.refinery.metrics.ingestion.domain.JsonScalar;

/**
 * Reads one drift sample item straight from a JSON token stream, like the observation reader: one bad item is
 * reported with every field at fault while the rest of its batch goes on. Used by the HTTP batch endpoint and the
 * Kafka consumer alike.
 *
 * <p>Item: {@code {id, systemKey, observedAt, features: {name: number | string | boolean}, prediction, outcome}} where
 * prediction and outcome are a number, a string or a boolean, and null or absent when unknown. A null feature value is
 * a missing value and skipped. An item needs features, a prediction or an outcome.
 */
public final class SampleReader {

    /** The sample, or the reasons it was refused. */
    public record Parsed(Sample sample, List<FieldIssue> issues) {
        public boolean ok() {
            return sample != null;
        }

        public static Parsed refused(String field, String message) {
            return new Parsed(null, List.of(new FieldIssue(field, message)));
        }
    }

    private static final int MAX_SYSTEM_KEY = 64;
    private static final int MAX_FEATURES = 100;
    private static final int MAX_LABEL = 200;
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    private SampleReader() {
    }

    /**
     * Reads the value the parser stands on and leaves the parser on its last token. Samples observed before
     * {@code oldest} (the retention) are refused.
     */
    public static Parsed read(JsonParser parser, Instant now, Instant oldest) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Parsed.refused("item", "must be a JSON object");
        }
        List<FieldIssue> issues = new ArrayList<>(0);
        JsonScalar id = null;
        JsonScalar systemKey = null;
        JsonScalar observedAt = null;
        JsonScalar prediction = null;
        JsonScalar outcome = null;
        List<Sample.Feature> features = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "id" -> id = JsonScalar.of(parser);
                case "systemKey" -> systemKey = JsonScalar.of(parser);
                case "observedAt" -> observedAt = JsonScalar.of(parser);
                case "prediction" -> prediction = JsonScalar.of(parser);
                case "outcome" -> outcome = JsonScalar.of(parser);
                case "features" -> features = features(parser, issues);
                default -> {
                    parser.skipChildren();
                    issues.add(new FieldIssue(name, "unknown field"));
                }
            }
        }
        String idValue = ItemFields.clientId("id", id, issues);
        String systemKeyValue = ItemFields.text("systemKey", systemKey, MAX_SYSTEM_KEY, issues);
        Instant at = instant(observedAt, now, oldest, issues);
        Sample.Value predictionValue = value("prediction", prediction, issues);
        Sample.Value outcomeValue = value("outcome", outcome, issues);
        if (features.isEmpty() && predictionValue == null && outcomeValue == null
                && issues.stream().noneMatch(i -> i.field().startsWith("features") || i.field().equals("prediction")
                        || i.field().equals("outcome"))) {
            issues.add(new FieldIssue("features", "give features, a prediction or an outcome"));
        }
        if (!issues.isEmpty()) {
            return new Parsed(null, issues);
        }
        return new Parsed(new Sample(idValue, systemKeyValue, at, features, predictionValue, outcomeValue), List.of());
    }

    private static List<Sample.Feature> features(JsonParser parser, List<FieldIssue> issues) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            issues.add(new FieldIssue("features", "must be an object of numbers, strings or booleans"));
            return List.of();
        }
        List<Sample.Feature> features = new ArrayList<>();
        int count = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String field = "features." + name;
            JsonToken token = parser.nextToken();
            count++;
            if (!DriftMonitorDraft.FEATURE.matcher(name).matches()) {
                parser.skipChildren();
                issues.add(new FieldIssue(field, "name must be a-z, A-Z, 0-9, '_', '.', '-' (up to 100 characters)"));
                continue;
            }
            switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    double v = parser.getDoubleValue();
                    if (Double.isFinite(v)) {
                        features.add(new Sample.Feature(name, v, null));
                    } else {
                        issues.add(new FieldIssue(field, "must be a finite number"));
                    }
                }
                case VALUE_STRING -> {
                    String label = label(field, parser.getText(), issues);
                    if (label != null) {
                        features.add(new Sample.Feature(name, Double.NaN, label));
                    }
                }
                case VALUE_TRUE, VALUE_FALSE -> features.add(new Sample.Feature(name, Double.NaN, parser.getText()));
                case VALUE_NULL -> {
                    // a missing value
                }
                default -> {
                    parser.skipChildren();
                    issues.add(new FieldIssue(field, "must be a number, a string or a boolean"));
                }
            }
        }
        if (count > MAX_FEATURES) {
            issues.add(new FieldIssue("features", "must have at most " + MAX_FEATURES + " entries"));
        }
        return features;
    }

    private static Sample.Value value(String field, JsonScalar s, List<FieldIssue> issues) {
        if (s == null || !s.present()) {
            return null;
        }
        if (s.isNumber()) {
            if (!Double.isFinite(s.number())) {
                issues.add(new FieldIssue(field, "must be a finite number"));
                return null;
            }
            return new Sample.Value(s.number(), null);
        }
        if (s.isText()) {
            String label = label(field, s.text(), issues);
            return label == null ? null : new Sample.Value(null, label);
        }
        if (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE) {
            return new Sample.Value(null, Boolean.toString(s.token() == JsonToken.VALUE_TRUE));
        }
        issues.add(new FieldIssue(field, "must be a number, a string or a boolean"));
        return null;
    }

    private static String label(String field, String text, List<FieldIssue> issues) {
        if (text.isEmpty() || text.length() > MAX_LABEL) {
            issues.add(new FieldIssue(field, "must have 1 to " + MAX_LABEL + " characters"));
            return null;
        }
        if (text.indexOf('\u0000') >= 0) {
            issues.add(new FieldIssue(field, ItemFields.NO_NUL));
            return null;
        }
        return text;
    }

    private static Instant instant(JsonScalar s, Instant now, Instant oldest, List<FieldIssue> issues) {
        if (s == null || !s.present()) {
            issues.add(new FieldIssue("observedAt", "is required"));
            return null;
        }
        if (!s.isText()) {
            issues.add(new FieldIssue("observedAt", "must be an ISO-8601 UTC timestamp string"));
            return null;
        }
        try {
            Instant at = UtcTimestamps.parse(s.text());
            if (at.isAfter(now.plus(MAX_FUTURE))) {
                issues.add(new FieldIssue("observedAt", "must not be more than 5 minutes in the future"));
                return null;
            }
            if (at.isBefore(oldest)) {
                issues.add(new FieldIssue("observedAt", "is older than the sample retention (samples since " + oldest
                        + " are accepted)"));
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            issues.add(new FieldIssue("observedAt", "must be an ISO-8601 UTC timestamp such as 2026-11-24T10:15:30Z"));
            return null;
        }
    }
}
