package io.refinery.metrics.drift.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.refinery.metrics.drift.stats.DataType;
import io.refinery.metrics.drift.stats.DriftInput;
import io.refinery.metrics.drift.stats.DriftMethod;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.InvalidFieldsProblem;

/**
 * Reads the body of {@code POST /api/v1/drift/compare} in one streaming pass, straight into {@code double[]} or
 * {@code String[]} (no tree, no boxed lists: two samples of 1,000,000 values each must fit comfortably). Every problem
 * is named by its field: a missing or unknown {@code type}, an unknown {@code method}, a {@code reference} or
 * {@code current} that is not an array, empty, longer than {@value DriftInput#MAX_VALUES}, holds nulls, mixes numbers
 * and strings, or does not hold what {@code type} says (strings such as "NaN" in a NUMERICAL sample). What is left to
 * check (non-finite numbers, a method that does not fit the type, a negative threshold) {@link DriftInput} refuses with
 * the field named.
 */
final class DriftCompareReader {

    private static final String REFERENCE = "reference";
    private static final String CURRENT = "current";

    private DriftCompareReader() {
    }

    /** One sample as read: numbers or labels, never both; null when it was refused. */
    private record Values(double[] numbers, String[] labels) {
    }

    static DriftInput read(JsonFactory json, byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            throw new InvalidFieldsProblem("body", "must be a JSON object");
        }
        List<FieldIssue> issues = new ArrayList<>();
        DataType type = null;
        DriftMethod method = DriftMethod.AUTO;
        Double threshold = null;
        Values reference = null;
        Values current = null;
        boolean typeGiven = false;
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidFieldsProblem("body", "must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                try {
                    parser.nextToken();
                    switch (field) {
                        case "type" -> {
                            typeGiven = true;
                            type = enumValue(parser, DataType.class, field, issues);
                        }
                        case "method" -> {
                            DriftMethod given = enumValue(parser, DriftMethod.class, field, issues);
                            method = given == null ? DriftMethod.AUTO : given;
                        }
                        case "threshold" -> threshold = threshold(parser, issues);
                        case REFERENCE -> reference = values(parser, field, issues);
                        case CURRENT -> current = values(parser, field, issues);
                        default -> {
                            parser.skipChildren();
                            issues.add(new FieldIssue(field, "unknown field"));
                        }
                    }
                } catch (JsonProcessingException e) {
                    throw new InvalidFieldsProblem(field, "malformed JSON" + where(e));
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidFieldsProblem("body", "must hold one JSON object and nothing after it");
            }
        }
        if (!typeGiven) {
            issues.add(new FieldIssue("type", "is required: NUMERICAL or CATEGORICAL"));
        }
        requirePresent(REFERENCE, reference, issues);
        requirePresent(CURRENT, current, issues);
        if (type != null) {
            requireKind(REFERENCE, reference, type, issues);
            requireKind(CURRENT, current, type, issues);
        }
        if (!issues.isEmpty()) {
            throw new InvalidFieldsProblem(issues);
        }
        return type == DataType.NUMERICAL
                ? new DriftInput.Numerical(method, reference.numbers(), current.numbers(), threshold)
                : new DriftInput.Categorical(method, reference.labels(), current.labels(), threshold);
    }

    private static <E extends Enum<E>> E enumValue(JsonParser parser, Class<E> type, String field,
            List<FieldIssue> issues) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Enum.valueOf(type, parser.getText().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        } else if (token == JsonToken.VALUE_NULL && type == DriftMethod.class) {
            return null;
        } else {
            parser.skipChildren();
        }
        issues.add(new FieldIssue(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
        return null;
    }

    private static Double threshold(JsonParser parser, List<FieldIssue> issues) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        parser.skipChildren();
        issues.add(new FieldIssue("threshold", "must be a number"));
        return null;
    }

    /** Reads one array; on its first problem records it, skips the rest of the array and returns null. */
    private static Values values(JsonParser parser, String field, List<FieldIssue> issues) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            issues.add(new FieldIssue(field, "must be an array of numbers (NUMERICAL) or strings (CATEGORICAL)"));
            return null;
        }
        double[] numbers = null;
        String[] labels = null;
        int n = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            String problem = null;
            if (n == DriftInput.MAX_VALUES) {
                problem = "must have at most " + DriftInput.MAX_VALUES + " values";
            } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                if (labels != null) {
                    problem = "mixes strings and numbers: [" + n + "] is a number, [0] a string";
                } else {
                    numbers = grow(numbers, n);
                    numbers[n++] = parser.getDoubleValue();
                }
            } else if (token == JsonToken.VALUE_STRING) {
                if (numbers != null) {
                    problem = "mixes numbers and strings: [" + n + "] is a string (\"" + abbreviate(parser.getText())
                            + "\"), [0] a number";
                } else {
                    labels = grow(labels, n);
                    labels[n++] = parser.getText();
                }
            } else if (token == JsonToken.VALUE_NULL) {
                problem = "[" + n + "] is null; values must be numbers or strings";
            } else {
                problem = "[" + n + "] must be a number or a string";
            }
            if (problem != null) {
                issues.add(new FieldIssue(field, problem));
                parser.skipChildren();
                skipRestOfArray(parser);
                return null;
            }
        }
        if (n == 0) {
            issues.add(new FieldIssue(field, "must not be empty"));
            return null;
        }
        return numbers != null ? new Values(Arrays.copyOf(numbers, n), null) : new Values(null, Arrays.copyOf(labels, n));
    }

    private static void skipRestOfArray(JsonParser parser) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected end of input");
            }
            parser.skipChildren();
        }
    }

    private static void requirePresent(String field, Values values, List<FieldIssue> issues) {
        if (values == null && issues.stream().noneMatch(i -> i.field().equals(field))) {
            issues.add(new FieldIssue(field, "is required"));
        }
    }

    private static void requireKind(String field, Values values, DataType type, List<FieldIssue> issues) {
        if (values == null) {
            return;
        }
        if (type == DataType.NUMERICAL && values.labels() != null) {
            issues.add(new FieldIssue(field, "must hold numbers for NUMERICAL data; it holds strings (\""
                    + abbreviate(values.labels()[0]) + "\" first); JSON has no NaN, and \"NaN\" is not a number"));
        } else if (type == DataType.CATEGORICAL && values.numbers() != null) {
            issues.add(new FieldIssue(field, "must hold strings for CATEGORICAL data; it holds numbers"));
        }
    }

    private static double[] grow(double[] array, int size) {
        if (array == null) {
            return new double[1024];
        }
        return size < array.length ? array : Arrays.copyOf(array, Math.min(DriftInput.MAX_VALUES, 2 * array.length));
    }

    private static String[] grow(String[] array, int size) {
        if (array == null) {
            return new String[1024];
        }
        return size < array.length ? array : Arrays.copyOf(array, Math.min(DriftInput.MAX_VALUES, 2 * array.length));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
