package io.refinery.oversight.console.domain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON document as a person reads it rather than as raw JSON: scalars become labelled fields (a definition list),
 * nested objects add their name to their fields' labels ({@code Price › old}), lists of plain values are joined, and
 * lists of objects become tables with one column per field. Bounded, so an outsized payload cannot flood a page.
 */
public record ReadableJson(List<Field> fields, List<Table> tables, boolean cut) {

    /** One labelled value. */
    public record Field(String label, String value) {
    }

    /** A list of objects: one row per object, one column per field seen. */
    public record Table(String label, List<String> columns, List<List<String>> rows, int total) {

        public boolean cut() {
            return total > rows.size();
        }
    }

    static final int MAX_FIELDS = 200;
    static final int MAX_ROWS = 100;
    static final int MAX_COLUMNS = 12;
    static final int MAX_TEXT = 2000;
    private static final String NONE = "—";

    public static final ReadableJson EMPTY = new ReadableJson(List.of(), List.of(), false);

    public boolean empty() {
        return fields.isEmpty() && tables.isEmpty();
    }

    public static ReadableJson of(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isObject() && node.isEmpty()) {
            return EMPTY;
        }
        Builder b = new Builder();
        if (node.isObject()) {
            b.object("", node);
        } else {
            b.value("Value", node);
        }
        return new ReadableJson(List.copyOf(b.fields), List.copyOf(b.tables), b.cut);
    }

    /** A value in one line: scalars as they are, lists of scalars joined, anything deeper as compact JSON. */
    static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return NONE;
        }
        if (v.isValueNode()) {
            return clip(v.asText());
        }
        if (v.isArray() && scalars(v)) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(e.isNull() ? NONE : e.asText()));
            return parts.isEmpty() ? "none" : clip(String.join(", ", parts));
        }
        return clip(v.toString());
    }

    private static boolean scalars(JsonNode array) {
        for (JsonNode e : array) {
            if (e.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static String clip(String s) {
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "…" : s;
    }

    private static final class Builder {
        private final List<Field> fields = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private boolean cut;

        void object(String prefix, JsonNode object) {
            Iterator<Map.Entry<String, JsonNode>> it = object.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String label = prefix.isEmpty() ? Labels.field(e.getKey()) : prefix + " › " + Labels.field(e.getKey());
                JsonNode v = e.getValue();
                if (v.isObject() && !v.isEmpty() && prefix.split(" › ").length < 3) {
                    object(label, v);
                } else {
                    value(label, v);
                }
            }
        }

        void value(String label, JsonNode v) {
            if (v.isArray() && !v.isEmpty() && !scalars(v) && allObjects(v)) {
                table(label, v);
            } else if (fields.size() < MAX_FIELDS) {
                fields.add(new Field(label, text(v)));
            } else {
                cut = true;
            }
        }

        private static boolean allObjects(JsonNode array) {
            for (JsonNode e : array) {
                if (!e.isObject()) {
                    return false;
                }
            }
            return true;
        }

        private void table(String label, JsonNode array) {
            Set<String> keys = new LinkedHashSet<>();
            array.forEach(row -> row.fieldNames().forEachRemaining(k -> {
                if (keys.size() < MAX_COLUMNS) {
                    keys.add(k);
                }
            }));
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode row : array) {
                if (rows.size() == MAX_ROWS) {
                    break;
                }
                rows.add(keys.stream().map(k -> row.has(k) ? text(row.get(k)) : NONE).toList());
            }
            tables.add(new Table(label, keys.stream().map(Labels::field).toList(), List.copyOf(rows), array.size()));
        }
    }
}
