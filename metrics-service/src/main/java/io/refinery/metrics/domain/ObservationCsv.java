package io.refinery.metrics.domain;

import java.time.Instant;
import java.util.List;

/**
 * Renders observations as CSV for {@code COPY ... (format csv)}: every text field quoted (quotes doubled, so
 * commas, quotes and newlines in ids or dimensions are safe), an empty unquoted field for NULL.
 */
final class ObservationCsv {

    private ObservationCsv() {
    }

    static String of(List<Observation> rows) {
        String receivedAt = Instant.now().toString();
        StringBuilder sb = new StringBuilder(rows.size() * 200);
        for (Observation o : rows) {
            quoted(sb, o.id()).append(',');
            quoted(sb, o.systemKey()).append(',');
            quoted(sb, o.metric()).append(',');
            sb.append(o.value()).append(',');
            if (o.numerator() != null) {
                sb.append(o.numerator());
            }
            sb.append(',');
            if (o.denominator() != null) {
                sb.append(o.denominator());
            }
            sb.append(',').append(o.observedAt()).append(',');
            if (o.segment() != null) {
                quoted(sb, o.segment());
            }
            sb.append(',');
            if (o.dimensionsJson() != null) {
                quoted(sb, o.dimensionsJson());
            }
            sb.append(',').append(receivedAt).append('\n');
        }
        return sb.toString();
    }

    private static StringBuilder quoted(StringBuilder sb, String value) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"') {
                sb.append('"');
            }
            sb.append(ch);
        }
        return sb.append('"');
    }
}
