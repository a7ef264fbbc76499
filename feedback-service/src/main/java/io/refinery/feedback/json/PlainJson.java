package io.refinery.feedback.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed JSON tree as plain Java values, the form the service's pure rules check (intake's submission rules, the
 * survey answer rules): objects as ordered maps, arrays as lists, strings, numbers as parsed ({@code Integer},
 * {@code Long}, {@code BigInteger}, {@code Double}, ...), booleans, and null for JSON null or no node.
 */
public final class PlainJson {

    private PlainJson() {
    }

    public static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), of(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>(node.size());
            node.forEach(element -> out.add(of(element)));
            return out;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        return node.isBoolean() ? node.booleanValue() : node;
    }
}
