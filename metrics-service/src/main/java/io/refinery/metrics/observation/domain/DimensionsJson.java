package io.refinery.metrics.observation.domain;

import java.util.Map;

import io.refinery.metrics.ingestion.domain.JsonScalar;

/** Writes checked dimensions back as a compact JSON object for the {@code jsonb} column. */
final class DimensionsJson {

    private DimensionsJson() {
    }

    /** Only called when every value is a string (the item is refused otherwise). */
    static String of(Map<String, JsonScalar> dimensions) {
        StringBuilder sb = new StringBuilder(16 + dimensions.size() * 32).append('{');
        boolean first = true;
        for (Map.Entry<String, JsonScalar> e : dimensions.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            quoted(sb, e.getKey()).append(':');
            JsonScalar v = e.getValue();
            if (v.isText()) {
                quoted(sb, v.text());
            } else {
                sb.append("null");
            }
        }
        return sb.append('}').toString();
    }

    private static StringBuilder quoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
