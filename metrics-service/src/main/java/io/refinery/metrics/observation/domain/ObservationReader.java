package io.refinery.metrics.observation.domain;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.refinery.platform.problem.FieldIssue;
import io.refinery.metrics.ingestion.domain.ItemFields;
import io.refinery.metrics.ingestion.domain.JsonScalar;
import io.refinery.metrics.ingestion.domain.UtcTimestamps;
import io.refinery.metrics.ingestion.domain.Vocabulary;

/**
 * Reads one observation item straight from a JSON token stream (no intermediate tree: at tens of thousands of
 * items per second the tree was most of the garbage), so one bad item is reported with every field at fault
 * while the rest of its batch goes on. Fields may come in any order; issues are always listed in the same order.
 * Used by the HTTP batch endpoint and the Kafka consumer alike.
 */
public final class ObservationReader {

    /** The item, or the reasons it was refused. */
    public record Parsed(Observation observation, List<FieldIssue> issues) {
        public boolean ok() {
            return observation != null;
        }

        public static Parsed refused(String field, String message) {
            return new Parsed(null, List.of(new FieldIssue(field, message)));
        }
    }

    public static final Pattern METRIC = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,99}$");
    private static final Pattern DIMENSION_KEY = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$");
    private static final Predicate<String> METRIC_NAME = name -> METRIC.matcher(name).matches();
    private static final Predicate<String> DIMENSION_NAME = name -> DIMENSION_KEY.matcher(name).matches();
    private static final Set<String> FIELDS = Set.of("id", "systemKey", "metric", "value", "numerator", "denominator",
            "observedAt", "dimensions");
    private static final int MAX_SYSTEM_KEY = 64;
    private static final int MAX_METRIC = 100;
    private static final int MAX_DIMENSIONS = 16;
    private static final int MAX_DIMENSION_VALUE = 200;
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    private ObservationReader() {
    }

    /**
     * Reads the value the parser stands on (its current token) and leaves the parser on that value's last token.
     * Anything but an object is refused as a whole.
     */
    public static Parsed read(JsonParser parser, Instant now) throws IOException {
        return read(parser, now, new Vocabulary());
    }

    /** As {@link #read(JsonParser, Instant)}, sharing repeated values with the other items of the same batch. */
    public static Parsed read(JsonParser parser, Instant now, Vocabulary words) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Parsed.refused("item", "must be a JSON object");
        }
        RawItem raw = new RawItem();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            raw.take(name, parser);
        }
        return raw.validate(now, words);
    }

    /** The fields of one item as they came; {@link #validate} turns them into an observation or issues. */
    private static final class RawItem {
        private JsonScalar id;
        private JsonScalar systemKey;
        private JsonScalar metric;
        private JsonScalar value;
        private JsonScalar numerator;
        private JsonScalar denominator;
        private JsonScalar observedAt;
        private JsonScalar dimensionsShape;
        private Map<String, JsonScalar> dimensions;
        private List<String> unknown;

        void take(String name, JsonParser parser) throws IOException {
            switch (name) {
                case "id" -> id = JsonScalar.of(parser);
                case "systemKey" -> systemKey = JsonScalar.of(parser);
                case "metric" -> metric = JsonScalar.of(parser);
                case "value" -> value = JsonScalar.of(parser);
                case "numerator" -> numerator = JsonScalar.of(parser);
                case "denominator" -> denominator = JsonScalar.of(parser);
                case "observedAt" -> observedAt = JsonScalar.of(parser);
                case "dimensions" -> takeDimensions(parser);
                default -> {
                    parser.skipChildren();
                    if (unknown == null) {
                        unknown = new ArrayList<>(2);
                    }
                    if (!unknown.contains(name)) {
                        unknown.add(name);
                    }
                }
            }
        }

        private void takeDimensions(JsonParser parser) throws IOException {
            dimensions = null;
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                dimensionsShape = JsonScalar.of(parser);
                return;
            }
            dimensionsShape = null;
            dimensions = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                dimensions.put(key, JsonScalar.of(parser));
            }
        }

        Parsed validate(Instant now, Vocabulary words) {
            List<FieldIssue> issues = new ArrayList<>(0);
            String idValue = ItemFields.clientId("id", id, issues);
            String systemKeyValue = shared(words, ItemFields.text("systemKey", systemKey, MAX_SYSTEM_KEY, issues));
            String metricValue = shared(words, ItemFields.text("metric", metric, MAX_METRIC, issues));
            if (metricValue != null && !words.passes(metricValue, METRIC_NAME)) {
                issues.add(new FieldIssue("metric", "must be lowercase: a-z, 0-9, '_', '.', '-' (up to 100 characters)"));
            }
            Double valueNumber = number("value", value, issues);
            Double numeratorNumber = number("numerator", numerator, issues);
            Double denominatorNumber = number("denominator", denominator, issues);
            boolean hasNumerator = JsonScalar.present(numerator);
            boolean hasDenominator = JsonScalar.present(denominator);
            if (hasNumerator != hasDenominator) {
                issues.add(new FieldIssue(hasNumerator ? "denominator" : "numerator",
                        "numerator and denominator go together: give both or neither"));
            }
            if (denominatorNumber != null && denominatorNumber <= 0) {
                issues.add(new FieldIssue("denominator", "must be greater than 0"));
            }
            if (numeratorNumber != null && numeratorNumber < 0) {
                issues.add(new FieldIssue("numerator", "must not be negative"));
            }
            if (!JsonScalar.present(value)) {
                if (numeratorNumber != null && denominatorNumber != null && denominatorNumber > 0) {
                    valueNumber = numeratorNumber / denominatorNumber;
                } else if (!hasNumerator && !hasDenominator) {
                    issues.add(new FieldIssue("value", "is required (or give numerator and denominator)"));
                }
            }
            Instant observedAtValue = instant("observedAt", observedAt, now, issues);
            String segment = null;
            String dimensionsJson = null;
            if (dimensionsShape != null && dimensionsShape.present()) {
                issues.add(new FieldIssue("dimensions", "must be an object of string values"));
            } else if (dimensions != null) {
                segment = shared(words, checkDimensions(issues, words));
                dimensionsJson = words.share(DimensionsJson.of(dimensions));
            }
            if (unknown != null) {
                unknown.forEach(name -> issues.add(new FieldIssue(name, "unknown field")));
            }
            if (!issues.isEmpty()) {
                return new Parsed(null, issues);
            }
            return new Parsed(new Observation(idValue, systemKeyValue, metricValue, valueNumber, numeratorNumber,
                    denominatorNumber, observedAtValue, segment, dimensionsJson), List.of());
        }

        private String checkDimensions(List<FieldIssue> issues, Vocabulary words) {
            if (dimensions.size() > MAX_DIMENSIONS) {
                issues.add(new FieldIssue("dimensions", "must have at most " + MAX_DIMENSIONS + " entries"));
            }
            String segment = null;
            for (Map.Entry<String, JsonScalar> e : dimensions.entrySet()) {
                String field = "dimensions." + e.getKey();
                JsonScalar v = e.getValue();
                if (!words.passes(e.getKey(), DIMENSION_NAME)) {
                    issues.add(new FieldIssue(field, "name must be a-z, A-Z, 0-9, '_', '.', '-' (up to 64 characters)"));
                } else if (!v.isText()) {
                    issues.add(new FieldIssue(field, "must be a string"));
                } else if (v.text().isEmpty() || v.text().length() > MAX_DIMENSION_VALUE) {
                    issues.add(new FieldIssue(field, "must have 1 to " + MAX_DIMENSION_VALUE + " characters"));
                } else if (v.text().indexOf('\u0000') >= 0) {
                    issues.add(new FieldIssue(field, ItemFields.NO_NUL));
                } else if ("segment".equals(e.getKey())) {
                    segment = v.text();
                }
            }
            return segment;
        }
    }

    private static String shared(Vocabulary words, String value) {
        return value == null ? null : words.share(value);
    }

    private static Double number(String field, JsonScalar s, List<FieldIssue> issues) {
        if (!JsonScalar.present(s)) {
            return null;
        }
        if (!s.isNumber()) {
            issues.add(new FieldIssue(field, "must be a number"));
            return null;
        }
        if (!Double.isFinite(s.number())) {
            issues.add(new FieldIssue(field, "must be a finite number"));
            return null;
        }
        return s.number();
    }

    private static Instant instant(String field, JsonScalar s, Instant now, List<FieldIssue> issues) {
        if (!JsonScalar.present(s)) {
            issues.add(new FieldIssue(field, "is required"));
            return null;
        }
        if (!s.isText()) {
            issues.add(new FieldIssue(field, "must be an ISO-8601 UTC timestamp string"));
            return null;
        }
        try {
            Instant at = UtcTimestamps.parse(s.text());
            if (at.isBefore(Instant.EPOCH)) {
                issues.add(new FieldIssue(field, "must not be before 1970-01-01T00:00:00Z"));
                return null;
            }
            if (at.isAfter(now.plus(MAX_FUTURE))) {
                issues.add(new FieldIssue(field, "must not be more than 5 minutes in the future"));
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            issues.add(new FieldIssue(field, "must be an ISO-8601 UTC timestamp such as 2026-11-24T10:15:30Z"));
            return null;
        }
    }
}
