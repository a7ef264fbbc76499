package io.refinery.experiments.ingestion.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.refinery.experiments.experiment.domain.ExperimentPlan;
import io.refinery.platform.ids.ClientId;
import io.refinery.platform.problem.FieldIssue;

/**
 * Reads exposure and outcome items from JSON, naming every field at fault, so one bad item never refuses its batch.
 * Used by the HTTP endpoints and the Kafka consumers alike.
 */
public final class IngestItems {

    static final int MAX_UNIT_ID = 200;
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    private static final Set<String> EXPOSURE_FIELDS = Set.of("id", "experimentKey", "unitId", "variant", "at", "covariate",
            "segments");
    /** The most segment dimensions an exposure may carry. */
    static final int MAX_SEGMENTS = 8;

    private static final Set<String> OUTCOME_FIELDS = Set.of("id", "experimentKey", "systemKey", "unitId", "metric", "value", "at");

    private IngestItems() {
    }

    /**
     * A unit saw a variant; without a variant, the one the assignment gives is taken. {@code segments} are the unit's
     * attributes for segment analysis (dimension → value), empty when not given.
     */
    public record Exposure(String id, String experimentKey, String unitId, String variant, Instant at, Double covariate,
            java.util.SortedMap<String, String> segments) {
    }

    /** A unit-level metric value, for one experiment or for every running experiment of a system the unit is in. */
    public record Outcome(String id, String experimentKey, String systemKey, String unitId, String metric, double value,
            Instant at) {
    }

    /** The item, or why it was refused. */
    public record Parsed<T>(T item, List<FieldIssue> issues) {
        public boolean ok() {
            return item != null;
        }

        public static <T> Parsed<T> refused(String field, String message) {
            return new Parsed<>(null, List.of(new FieldIssue(field, message)));
        }
    }

    public static Parsed<Exposure> exposure(JsonNode node, Instant now) {
        if (node == null || !node.isObject()) {
            return Parsed.refused("item", "must be a JSON object");
        }
        List<FieldIssue> issues = new ArrayList<>();
        unknownFields(node, EXPOSURE_FIELDS, issues);
        String id = clientId(node, "id", issues);
        String experimentKey = slug(node, "experimentKey", true, issues);
        String unitId = text(node, "unitId", MAX_UNIT_ID, true, issues);
        String variant = text(node, "variant", 64, false, issues);
        if (variant != null && !ExperimentPlan.VARIANT.matcher(variant).matches()) {
            issues.add(new FieldIssue("variant", "must be a variant key: letters, digits, '_' and '-'"));
        }
        Instant at = at(node, now, issues);
        Double covariate = number(node, "covariate", false, issues);
        java.util.SortedMap<String, String> segments = segments(node.get("segments"), issues);
        return issues.isEmpty()
                ? new Parsed<>(new Exposure(id, experimentKey, unitId, variant, at, covariate, segments), List.of())
                : new Parsed<>(null, issues);
    }

    /** {"dimension": "value", ...}: at most {@link #MAX_SEGMENTS}, lowercase dimensions, values of 1-64 characters. */
    private static java.util.SortedMap<String, String> segments(JsonNode node, List<FieldIssue> issues) {
        java.util.SortedMap<String, String> segments = new java.util.TreeMap<>();
        if (node == null || node.isNull()) {
            return segments;
        }
        if (!node.isObject()) {
            issues.add(new FieldIssue("segments", "must be an object of dimension to value, e.g. {\"device\": \"mobile\"}"));
            return segments;
        }
        if (node.size() > MAX_SEGMENTS) {
            issues.add(new FieldIssue("segments", "at most " + MAX_SEGMENTS + " dimensions"));
            return segments;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> f = fields.next();
            String field = "segments." + f.getKey();
            if (!ExperimentPlan.DIMENSION.matcher(f.getKey()).matches()) {
                issues.add(new FieldIssue(field, "a dimension is lowercase: a-z first, then a-z, 0-9, '_', '.', '-' (up to 40)"));
            } else if (!f.getValue().isTextual() || f.getValue().asText().isEmpty() || f.getValue().asText().length() > 64) {
                issues.add(new FieldIssue(field, "must be a string of 1 to 64 characters"));
            } else {
                segments.put(f.getKey(), f.getValue().asText());
            }
        }
        return segments;
    }

    public static Parsed<Outcome> outcome(JsonNode node, Instant now) {
        if (node == null || !node.isObject()) {
            return Parsed.refused("item", "must be a JSON object");
        }
        List<FieldIssue> issues = new ArrayList<>();
        unknownFields(node, OUTCOME_FIELDS, issues);
        String id = clientId(node, "id", issues);
        String experimentKey = slug(node, "experimentKey", false, issues);
        String systemKey = slug(node, "systemKey", false, issues);
        if (present(node, "experimentKey") == present(node, "systemKey")) {
            issues.add(new FieldIssue("experimentKey", "give exactly one of experimentKey or systemKey"));
        }
        String unitId = text(node, "unitId", MAX_UNIT_ID, true, issues);
        String metric = text(node, "metric", 100, true, issues);
        if (metric != null && !ExperimentPlan.METRIC.matcher(metric).matches()) {
            issues.add(new FieldIssue("metric", "must be lowercase: a-z, 0-9, '_', '.', '-' (up to 100 characters)"));
        }
        Double value = number(node, "value", true, issues);
        Instant at = at(node, now, issues);
        return issues.isEmpty()
                ? new Parsed<>(new Outcome(id, experimentKey, systemKey, unitId, metric, value, at), List.of())
                : new Parsed<>(null, issues);
    }

    private static boolean present(JsonNode node, String field) {
        return node.hasNonNull(field);
    }

    private static void unknownFields(JsonNode node, Set<String> known, List<FieldIssue> issues) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                issues.add(new FieldIssue(name, "unknown field"));
            }
        }
    }

    private static String text(JsonNode node, String field, int max, boolean required, List<FieldIssue> issues) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                issues.add(new FieldIssue(field, "is required"));
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            issues.add(new FieldIssue(field, "must be a non-empty string"));
            return null;
        }
        String text = value.asText();
        if (text.length() > max) {
            issues.add(new FieldIssue(field, "must have at most " + max + " characters"));
            return null;
        }
        if (text.indexOf('\u0000') >= 0) {
            issues.add(new FieldIssue(field, "must not contain the NUL character (U+0000)"));
            return null;
        }
        return text;
    }

    /** A required client id ({@link ClientId}: 1-128 of A-Z a-z 0-9 . _ : -), named with the rule when it breaks it. */
    private static String clientId(JsonNode node, String field, List<FieldIssue> issues) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            issues.add(new FieldIssue(field, "is required"));
            return null;
        }
        if (!value.isTextual() || !ClientId.isValid(value.asText())) {
            issues.add(new FieldIssue(field, ClientId.MESSAGE));
            return null;
        }
        return value.asText();
    }

    private static String slug(JsonNode node, String field, boolean required, List<FieldIssue> issues) {
        String text = text(node, field, 64, required, issues);
        if (text != null && !ExperimentPlan.SLUG.matcher(text).matches()) {
            issues.add(new FieldIssue(field, "must be a slug: a-z, 0-9 and '-', 2 to 64 characters"));
            return null;
        }
        return text;
    }

    private static Double number(JsonNode node, String field, boolean required, List<FieldIssue> issues) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                issues.add(new FieldIssue(field, "is required"));
            }
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            issues.add(new FieldIssue(field, "must be a finite number"));
            return null;
        }
        return value.asDouble();
    }

    private static Instant at(JsonNode node, Instant now, List<FieldIssue> issues) {
        JsonNode value = node.get("at");
        if (value == null || value.isNull()) {
            return now;
        }
        try {
            Instant at = Instant.parse(value.asText());
            if (!value.isTextual() || at.isAfter(now.plus(MAX_FUTURE))) {
                issues.add(new FieldIssue("at", "must not be in the future"));
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            issues.add(new FieldIssue("at", "must be an ISO-8601 UTC timestamp"));
            return null;
        }
    }
}
