package io.refinery.metrics.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one observation item field by field, so one bad item is reported with every field at fault while the
 * rest of its batch goes on. Used by the HTTP batch endpoint and the Kafka consumer alike.
 */
public final class ObservationParser {

    /** The item, or the reasons it was refused. */
    public record Parsed(Observation observation, List<FieldIssue> issues) {
        public boolean ok() {
            return observation != null;
        }
    }

    public static final Pattern METRIC = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,99}$");
    private static final Pattern DIMENSION_KEY = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$");
    private static final int MAX_ID = 200;
    private static final int MAX_DIMENSIONS = 16;
    private static final int MAX_DIMENSION_VALUE = 200;
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    private ObservationParser() {
    }

    public static Parsed parse(JsonNode item, Instant now) {
        List<FieldIssue> issues = new ArrayList<>();
        if (item == null || !item.isObject()) {
            return new Parsed(null, List.of(new FieldIssue("item", "must be a JSON object")));
        }
        String id = text(item, "id", MAX_ID, issues);
        String systemKey = text(item, "systemKey", 64, issues);
        String metric = text(item, "metric", 100, issues);
        if (metric != null && !METRIC.matcher(metric).matches()) {
            issues.add(new FieldIssue("metric", "must be lowercase: a-z, 0-9, '_', '.', '-' (up to 100 characters)"));
        }
        Double value = number(item, "value", issues);
        Double numerator = number(item, "numerator", issues);
        Double denominator = number(item, "denominator", issues);
        boolean hasNumerator = present(item, "numerator");
        boolean hasDenominator = present(item, "denominator");
        if (hasNumerator != hasDenominator) {
            issues.add(new FieldIssue(hasNumerator ? "denominator" : "numerator",
                    "numerator and denominator go together: give both or neither"));
        }
        if (denominator != null && denominator <= 0) {
            issues.add(new FieldIssue("denominator", "must be greater than 0"));
        }
        if (numerator != null && numerator < 0) {
            issues.add(new FieldIssue("numerator", "must not be negative"));
        }
        if (!present(item, "value")) {
            if (numerator != null && denominator != null && denominator > 0) {
                value = numerator / denominator;
            } else if (!hasNumerator && !hasDenominator) {
                issues.add(new FieldIssue("value", "is required (or give numerator and denominator)"));
            }
        }
        Instant observedAt = instant(item, "observedAt", now, issues);
        String segment = null;
        String dimensionsJson = null;
        JsonNode dimensions = item.get("dimensions");
        if (dimensions != null && !dimensions.isNull()) {
            if (!dimensions.isObject()) {
                issues.add(new FieldIssue("dimensions", "must be an object of string values"));
            } else {
                segment = readDimensions(dimensions, issues);
                dimensionsJson = dimensions.toString();
            }
        }
        for (Iterator<String> names = item.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!KNOWN_FIELDS.contains(name)) {
                issues.add(new FieldIssue(name, "unknown field"));
            }
        }
        if (!issues.isEmpty()) {
            return new Parsed(null, issues);
        }
        return new Parsed(new Observation(id, systemKey, metric, value, numerator, denominator, observedAt, segment,
                dimensionsJson), List.of());
    }

    private static final java.util.Set<String> KNOWN_FIELDS = java.util.Set.of("id", "systemKey", "metric", "value",
            "numerator", "denominator", "observedAt", "dimensions");

    private static String readDimensions(JsonNode dimensions, List<FieldIssue> issues) {
        if (dimensions.size() > MAX_DIMENSIONS) {
            issues.add(new FieldIssue("dimensions", "must have at most " + MAX_DIMENSIONS + " entries"));
        }
        String segment = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = dimensions.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "dimensions." + e.getKey();
            if (!DIMENSION_KEY.matcher(e.getKey()).matches()) {
                issues.add(new FieldIssue(field, "name must be a-z, A-Z, 0-9, '_', '.', '-' (up to 64 characters)"));
            } else if (!e.getValue().isTextual()) {
                issues.add(new FieldIssue(field, "must be a string"));
            } else if (e.getValue().asText().isEmpty() || e.getValue().asText().length() > MAX_DIMENSION_VALUE) {
                issues.add(new FieldIssue(field, "must have 1 to " + MAX_DIMENSION_VALUE + " characters"));
            } else if ("segment".equals(e.getKey())) {
                segment = e.getValue().asText();
            }
        }
        return segment;
    }

    private static boolean present(JsonNode item, String field) {
        JsonNode node = item.get(field);
        return node != null && !node.isNull();
    }

    private static String text(JsonNode item, String field, int maxLength, List<FieldIssue> issues) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            issues.add(new FieldIssue(field, "is required"));
            return null;
        }
        if (!node.isTextual()) {
            issues.add(new FieldIssue(field, "must be a string"));
            return null;
        }
        String value = node.asText();
        if (value.isBlank() || value.length() > maxLength) {
            issues.add(new FieldIssue(field, "must have 1 to " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    private static Double number(JsonNode item, String field, List<FieldIssue> issues) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            issues.add(new FieldIssue(field, "must be a number"));
            return null;
        }
        double value = node.asDouble();
        if (!Double.isFinite(value)) {
            issues.add(new FieldIssue(field, "must be a finite number"));
            return null;
        }
        return value;
    }

    private static Instant instant(JsonNode item, String field, Instant now, List<FieldIssue> issues) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            issues.add(new FieldIssue(field, "is required"));
            return null;
        }
        if (!node.isTextual()) {
            issues.add(new FieldIssue(field, "must be an ISO-8601 UTC timestamp string"));
            return null;
        }
        try {
            Instant at = Instant.parse(node.asText());
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
